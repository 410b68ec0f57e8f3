-- An enterprise's declarations awaiting it (a contractor's drafts and returned ones, a supervision
-- enterprise's submitted ones), the oldest first for its inbox, walked the enterprise's index in
-- updated_at order and read each declaration's row for its state: the largest contractor at 100k
-- projects read 1,002 pages to find its 20 oldest, and under the mix nearly every read starts with an
-- empty page cache (issue 25). The same indexes, in the same order, now hold the state (and for a
-- supervision enterprise whether it was submitted): 11 pages. id before the state keeps the lists'
-- order (updated_at, id) whole.
DROP INDEX declarations_contractor;
CREATE INDEX declarations_contractor ON declarations (contractor_enterprise_id, updated_at, id, status);
DROP INDEX declarations_supervisor;
CREATE INDEX declarations_supervisor ON declarations (supervisor_enterprise_id, updated_at, id, status, submitted_at);
