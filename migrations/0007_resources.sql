-- Verified resources: shelters, transport, routes, medical help, food and contacts that a
-- supervisor checked. A check holds for a time set per kind (dialogues/resources.toml);
-- after `expires_at`, or once a requester reports it wrong (`needs_check`), volunteers no
-- longer see or send it until a supervisor confirms it again.
CREATE TABLE resources (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    region      TEXT NOT NULL,
    title       TEXT NOT NULL,
    details     TEXT NOT NULL,
    phone       TEXT,
    capacity    INTEGER,
    status      TEXT NOT NULL DEFAULT 'active',
    status_note TEXT,
    needs_check INTEGER NOT NULL DEFAULT 0,
    verified_by INTEGER NOT NULL,
    verified_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    -- The expiry the supervisors' digest last warned about (once per check).
    warned_for  INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX resources_by_region ON resources (region, kind);

-- Which resources a case was given, by whom, and what the requester said about each. Ids
-- and codes only (no person: the case is anonymous after retention or /forget), kept for
-- the export's counts.
CREATE TABLE case_resources (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    sent_by     INTEGER NOT NULL,
    sent_at     INTEGER NOT NULL,
    feedback    TEXT,
    feedback_at INTEGER,
    UNIQUE (case_id, resource_id)
);

-- What requesters reported about a resource, for the supervisors' digest. Not tied to a
-- person or a case, so it outlives the case's retention.
CREATE TABLE resource_reports (
    id          INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    helped      INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    digested    INTEGER NOT NULL DEFAULT 0
);

-- A supervisor's /addresource dialogue in progress: one per supervisor.
CREATE TABLE resource_drafts (
    supervisor_id INTEGER PRIMARY KEY,
    draft         TEXT NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The hours (unix time / 3600) whose digest was sent: one digest an hour, even after a crash.
CREATE TABLE resource_digests (
    hour INTEGER PRIMARY KEY
);

-- After /done evacuated the person may tell, once, how the journey went: the message the
-- bot asked in (a reply to it is the answer) until it expires. Deleted when answered, by
-- /forget and once expired; the answer itself goes to supervisors and is not kept here.
CREATE TABLE journey_questions (
    telegram_id INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
