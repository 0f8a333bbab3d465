-- /refer N ORG: the person is asked first; their answer is kept with the referral (and in
-- the audit log). A summary leaves for the partner only after "yes".
CREATE TABLE referrals (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    partner     TEXT    NOT NULL,
    asked_by    INTEGER NOT NULL,
    asked_at    INTEGER NOT NULL,
    answer      TEXT,
    answered_at INTEGER
);
CREATE INDEX referrals_by_case ON referrals (case_id);
