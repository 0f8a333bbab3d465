-- A question the bot asked with buttons that change something for good (the /forget
-- confirmation): its answer counts only on the message that asked, once, before it expires.
CREATE TABLE confirmations (
    telegram_id INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
