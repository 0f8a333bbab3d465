-- Volunteers: roster, claims, relay, durable outbox.

-- A person who blocked the bot (403): their notifications are marked undeliverable.
ALTER TABLE users ADD COLUMN unreachable INTEGER NOT NULL DEFAULT 0;

-- The roster. Languages and regions are JSON lists of ids; an empty list matches all.
CREATE TABLE volunteers (
    telegram_id INTEGER PRIMARY KEY,
    languages   TEXT    NOT NULL DEFAULT '[]',
    regions     TEXT    NOT NULL DEFAULT '[]',
    online      INTEGER NOT NULL DEFAULT 0,
    max_open    INTEGER NOT NULL DEFAULT 5,
    added_by    INTEGER NOT NULL,
    added_at    INTEGER NOT NULL
);

ALTER TABLE cases ADD COLUMN region TEXT;                 -- the region choice id, for routing
ALTER TABLE cases ADD COLUMN volunteer_id INTEGER;        -- who claimed it
ALTER TABLE cases ADD COLUMN claimed_at INTEGER;
ALTER TABLE cases ADD COLUMN outcome TEXT;                -- evacuated, staying_safe, unreachable, referred, declined
ALTER TABLE cases ADD COLUMN last_volunteer_message_at INTEGER;
ALTER TABLE cases ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN stale_flagged_at INTEGER;
ALTER TABLE cases ADD COLUMN last_checkin_at INTEGER;
CREATE INDEX cases_by_volunteer ON cases (volunteer_id, status);

-- Internal notes: never shown to the requester.
CREATE TABLE case_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id);

-- Messages a requester sent before a claim (ids only: the content stays in Telegram and is
-- copied to whoever claims the case).
CREATE TABLE case_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_messages_by_case ON case_messages (case_id);

-- Relayed copies in volunteers' chats, so a reply finds its case even after a restart.
CREATE TABLE relay_map (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX relay_map_by_case ON relay_map (case_id);

-- Case cards with a Claim button (group and private), edited when the case is taken.
CREATE TABLE case_cards (
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX case_cards_by_case ON case_cards (case_id);

-- Every notification goes through here: committed with the change that caused it, sent by a
-- worker that honours retry_after, retries transient errors, and after a restart sends what is
-- still pending.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id         INTEGER NOT NULL,
    payload         TEXT    NOT NULL,                 -- JSON: what to send
    case_id         INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    after_sent      TEXT    NOT NULL DEFAULT '{"kind":"none"}', -- JSON: what to record once sent
    dedupe_key      TEXT    UNIQUE,
    status          TEXT    NOT NULL DEFAULT 'pending', -- pending, sending, sent, failed, undeliverable
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    sent_message_id INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_chat ON outbox (chat_id, status, id);
