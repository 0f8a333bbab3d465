-- A requester's message kept before the claim remembers the album (media group) it belongs
-- to, so the claimer gets an album as one album. Telegram's opaque group id only.
ALTER TABLE case_messages ADD COLUMN media_group TEXT;
