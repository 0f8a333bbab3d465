-- The volunteers' queue: open cases, critical first, then the oldest (`Db::queue`).
-- Partial, so it holds only the open cases, and in the queue's order, so a page reads its
-- rows straight from the index (no sort over every open case) and counting the queue reads
-- only this index. The priority expression must stay identical to PRIORITY_ORDER in
-- src/db/cases.rs, or SQLite will not use the index for the ORDER BY. `status` leads so the
-- planner, which has no statistics, prefers it to cases_by_status_priority for status = 'open'.
CREATE INDEX cases_queue ON cases (
    status,
    (CASE priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END),
    created_at
) WHERE status = 'open';

-- The retention pass (every 30 s, `Db::purge_expired`) looks for closed cases not purged yet
-- in one write transaction. With no statistics SQLite chose cases_by_status_priority
-- (status = 'closed': nearly every case) over the partial cases_closed_unpurged, so at 100,000
-- cases each pass read the closed cases six times and held the write lock for about 200 ms,
-- which every writer (a survey answer, `/queue` storing its staff member) waited out. This index
-- has the same rows as cases_closed_unpurged but lets the planner use `status = ?` and the
-- range on closed_at together, which it prefers.
CREATE INDEX cases_retention ON cases (status, closed_at) WHERE status = 'closed' AND purged_at IS NULL;

-- A person's cases, closed ones included: the retention pass looks for requesters with no case
-- left (`NOT IN (SELECT requester_id FROM cases ...)`) and /forget finds everything of one
-- person; without this index both read every case.
CREATE INDEX cases_by_requester ON cases (requester_id);
