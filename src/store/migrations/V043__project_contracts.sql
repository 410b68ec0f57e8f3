-- What a declaration shows of its project's two contracts (the general contract's and the supervision
-- contract's report numbers, the supervision enterprise), kept on the project by the triggers of V044
-- (SQLite) and V045 (PostgreSQL) (issue 25). A declaration list page joined each of its 20 rows to both
-- contracts, each an entry of contracts_project_kind and then the contract's row: 64 of the 173 pages
-- the largest district's first page read at 100k projects, from the empty page cache nearly every read
-- of the mix starts with. The project's row is read for the page anyway. Written by the database
-- itself, on both backends (qsm copy needs the same columns on both), never by a statement of the store.
ALTER TABLE projects ADD COLUMN general_report_no TEXT;
ALTER TABLE projects ADD COLUMN supervision_report_no TEXT;
ALTER TABLE projects ADD COLUMN supervision_enterprise_id BIGINT;
UPDATE projects SET
  general_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'general'),
  supervision_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision'),
  supervision_enterprise_id = (SELECT c.enterprise_id FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision');
