-- The network's public chats (PUBLIC_CHAT_IDS). No text of a post is ever stored.

-- Members, as far as the guard needs them: when they joined (if the bot saw it), how many
-- messages they posted, and whether a supervisor trusted them. Erased by /forget.
CREATE TABLE public_members (
    telegram_id INTEGER PRIMARY KEY,
    joined_at   INTEGER,
    messages    INTEGER NOT NULL DEFAULT 0,
    trusted     INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

-- Posts: which message, who wrote it, when. Kept 48 hours (as long as Telegram lets a bot
-- delete a message), to remove a troll's recent posts and to count reports.
CREATE TABLE public_posts (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    author_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX public_posts_by_author ON public_posts (author_id);
CREATE INDEX public_posts_by_time ON public_posts (at);

-- Members' /report of a post: one per member and post, kept 48 hours like the posts.
CREATE TABLE post_reports (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    reporter_id INTEGER NOT NULL,
    author_id   INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id, reporter_id)
);
CREATE INDEX post_reports_by_reporter ON post_reports (reporter_id, at);

-- The bridge answers a person at most once an hour.
CREATE TABLE bridge_replies (
    telegram_id INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL
);

-- Where a case came from: 'chat' when the person followed the bridge's link from a public
-- chat (for /stats; nothing else about the post is kept).
ALTER TABLE cases ADD COLUMN source TEXT;
-- The same, from the consent screen until the survey is sent.
ALTER TABLE survey_state ADD COLUMN source TEXT;
