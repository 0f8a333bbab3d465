-- Training before claiming: /addvolunteer adds a trainee (trained_until NULL); /trained sets
-- how long the training holds (TRAINING_VALID_DAYS). Volunteers on the roster before this
-- migration keep working: their training counts as recorded now.
ALTER TABLE volunteers ADD COLUMN trained_until INTEGER;
-- The expiry the "training runs out soon" notice was sent for (once per training).
ALTER TABLE volunteers ADD COLUMN training_warned_for INTEGER;
UPDATE volunteers SET trained_until = CAST(strftime('%s', 'now') AS INTEGER) + 365 * 86400;
