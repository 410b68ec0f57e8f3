-- What a list row shows of its enterprises, kept where the row is read (issue 25): a declaration
-- carries the USCC and name of its construction and its supervision enterprise, a project
-- the USCC and name of the enterprise its supervision contract names (V043's supervision_enterprise_id),
-- by the triggers of V051 (SQLite) and V052 (PostgreSQL). Every list row (declarations, months,
-- quarters, the inbox, …) looked both enterprises up: 20 rows' lookups scattered over a table that
-- grows with the city (2,000 enterprises at 100k projects, 400 at 20k). An authority's inbox page of 20
-- declarations read 85 pages from the empty page cache nearly every read of the mix starts with at
-- 100k, 24 of them enterprises', against 59 and 9 at 20k (session 26). Written by the database
-- itself, on both backends (qsm copy needs the same columns on both), never by a statement of the
-- store. The index finds a renamed enterprise's projects.
ALTER TABLE declarations ADD COLUMN contractor_uscc TEXT NOT NULL DEFAULT '';
ALTER TABLE declarations ADD COLUMN contractor_name TEXT NOT NULL DEFAULT '';
ALTER TABLE declarations ADD COLUMN supervisor_uscc TEXT;
ALTER TABLE declarations ADD COLUMN supervisor_name TEXT;
UPDATE declarations SET
  contractor_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = declarations.contractor_enterprise_id),
  contractor_name = (SELECT e.name FROM enterprises e WHERE e.id = declarations.contractor_enterprise_id),
  supervisor_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = declarations.supervisor_enterprise_id),
  supervisor_name = (SELECT e.name FROM enterprises e WHERE e.id = declarations.supervisor_enterprise_id);
ALTER TABLE projects ADD COLUMN supervision_uscc TEXT;
ALTER TABLE projects ADD COLUMN supervision_name TEXT;
UPDATE projects SET
  supervision_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = projects.supervision_enterprise_id),
  supervision_name = (SELECT e.name FROM enterprises e WHERE e.id = projects.supervision_enterprise_id)
WHERE supervision_enterprise_id IS NOT NULL;
CREATE INDEX projects_supervision_enterprise ON projects (supervision_enterprise_id);
