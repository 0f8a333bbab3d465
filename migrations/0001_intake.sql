-- Intake: people, their unfinished surveys, their submitted cases.
-- Timestamps are unix seconds (UTC).

CREATE TABLE users (
    telegram_id INTEGER PRIMARY KEY,
    language    TEXT    NOT NULL,
    role        TEXT    NOT NULL DEFAULT 'requester',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- One unfinished survey per person. `state` is the survey engine's JSON.
-- `case_id` is set when the safety gate already opened a case mid-survey.
CREATE TABLE survey_state (
    telegram_id INTEGER PRIMARY KEY REFERENCES users (telegram_id) ON DELETE CASCADE,
    state       TEXT    NOT NULL,
    case_id     INTEGER REFERENCES cases (id) ON DELETE SET NULL,
    updated_at  INTEGER NOT NULL
);

-- One row per request; `id` is the #N people see. AUTOINCREMENT: a number is never reused.
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    requester_id INTEGER REFERENCES users (telegram_id) ON DELETE SET NULL,
    status       TEXT    NOT NULL DEFAULT 'open',
    priority     TEXT    NOT NULL,
    reasons      TEXT    NOT NULL DEFAULT '[]',
    answers      TEXT    NOT NULL DEFAULT '{}',
    language     TEXT    NOT NULL,
    -- 0 while the person is still filling in the survey after the safety gate opened the case
    submitted    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    closed_at    INTEGER
);

-- Nothing doubled: a person has at most one case that is not closed.
CREATE UNIQUE INDEX cases_one_open_per_requester ON cases (requester_id) WHERE status <> 'closed';
CREATE INDEX cases_by_status_priority ON cases (status, priority, created_at);

-- Update ids already applied, so a replayed update changes nothing twice.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at INTEGER NOT NULL
);
CREATE INDEX processed_updates_by_time ON processed_updates (processed_at);
