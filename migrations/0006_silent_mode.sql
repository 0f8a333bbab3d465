-- Silent mode: every message to the person (the bot's and the volunteer's relayed copies) is
-- sent with disable_notification, because a notification sound can give away someone who is
-- hiding. Set by the survey's `silences` answer and toggled by /silent; erased with the
-- users row by /forget and by retention.
ALTER TABLE users ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
