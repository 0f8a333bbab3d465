-- The update whose answer moved the survey on, until the bot has shown the person the next
-- step. An update is confirmed to Telegram once its answer is committed, before the next
-- question is sent; after a crash in between, the bot shows the step again at the start.
ALTER TABLE survey_state ADD COLUMN unshown_update INTEGER;
