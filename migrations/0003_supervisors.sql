-- Supervisors: verification, bans, fake-data blocklist, flood control, audit, erasure.

-- Verification and flags on cases.
ALTER TABLE cases ADD COLUMN verified_at INTEGER;
ALTER TABLE cases ADD COLUMN verified_by INTEGER;
ALTER TABLE cases ADD COLUMN verify_note TEXT;
ALTER TABLE cases ADD COLUMN flag_reason TEXT;
ALTER TABLE cases ADD COLUMN flagged_at INTEGER;
-- Set when retention purged the personal fields of a closed case (answers, requester).
ALTER TABLE cases ADD COLUMN purged_at INTEGER;
-- What the retention pass (every 30 s) looks for.
CREATE INDEX cases_closed_unpurged ON cases (closed_at) WHERE status = 'closed' AND purged_at IS NULL;

-- Banned people: one short message, then silence.
CREATE TABLE bans (
    telegram_id INTEGER PRIMARY KEY,
    reason      TEXT    NOT NULL,
    banned_by   INTEGER NOT NULL,
    banned_at   INTEGER NOT NULL
);

-- Supervisors added in the bot (those from SUPERVISOR_IDS are not stored here).
CREATE TABLE supervisors (
    telegram_id INTEGER PRIMARY KEY,
    added_by    INTEGER NOT NULL,
    added_at    INTEGER NOT NULL
);

-- Information marked as fake: a SHA-256 of the normalized value (phones in E.164, places
-- lower-cased with spaces folded), never the value itself.
CREATE TABLE blocklist (
    kind       TEXT    NOT NULL,   -- phone, place
    hash       TEXT    NOT NULL,
    added_by   INTEGER NOT NULL,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (kind, hash)
);

-- Flood control: who was muted, until when, how often.
CREATE TABLE flood (
    telegram_id INTEGER PRIMARY KEY,
    muted_until INTEGER NOT NULL,
    strikes     INTEGER NOT NULL DEFAULT 0,
    last_strike INTEGER NOT NULL
);

-- Every role action. Append-only: nothing updates or deletes a row, except erasure, which
-- replaces a forgotten person's Telegram id with the placeholder 0.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL,      -- who did it (0: erased, or the bot itself)
    action     TEXT    NOT NULL,      -- add_volunteer, claim, ban, forget, ...
    case_id    INTEGER,               -- no foreign key: the history outlives the case's data
    subject_id INTEGER,               -- the person acted upon, if any
    detail     TEXT                   -- ids and codes only, never personal data
);
CREATE INDEX audit_by_case ON audit_log (case_id);
CREATE INDEX audit_by_actor ON audit_log (actor_id);
CREATE INDEX audit_by_subject ON audit_log (subject_id);

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_only_erasure_updates BEFORE UPDATE ON audit_log
WHEN NEW.id <> OLD.id OR NEW.at <> OLD.at OR NEW.action <> OLD.action
     OR NEW.case_id IS NOT OLD.case_id OR NEW.detail IS NOT OLD.detail
     OR (NEW.actor_id <> OLD.actor_id AND NEW.actor_id <> 0)
     OR (NEW.subject_id IS NOT OLD.subject_id AND NEW.subject_id IS NOT 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
