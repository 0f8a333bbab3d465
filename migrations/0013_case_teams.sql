-- A team around one case: helpers besides the assigned volunteer (a psychologist, a driver
-- coordinator, an observer in training). They get the person's messages and, except
-- observers, may answer them. Deleted with the case.
CREATE TABLE case_team (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL,
    role      TEXT    NOT NULL,
    added_by  INTEGER NOT NULL,
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, member_id)
);
CREATE INDEX case_team_by_member ON case_team (member_id);
