-- The names and mobiles of a declaration's two managers (施工项目经理, 总监理工程师), kept on the
-- declaration by the triggers of V048 (SQLite) and V049 (PostgreSQL) (issue 25). A declaration list
-- page looked each of its 20 rows' two managers up in persons, a table as large as the city's
-- workforce: at 100k projects 33 of the 120 pages the largest district's first page read from the
-- empty page cache nearly every read of the mix starts with. Written by the database itself, on both
-- backends (qsm copy needs the same columns on both), never by a statement of the store. The two
-- indexes find a renamed person's declarations.
ALTER TABLE declarations ADD COLUMN contractor_manager_name TEXT NOT NULL DEFAULT '';
ALTER TABLE declarations ADD COLUMN contractor_manager_mobile TEXT NOT NULL DEFAULT '';
ALTER TABLE declarations ADD COLUMN supervision_manager_name TEXT NOT NULL DEFAULT '';
ALTER TABLE declarations ADD COLUMN supervision_manager_mobile TEXT NOT NULL DEFAULT '';
UPDATE declarations SET
  contractor_manager_name = (SELECT p.name FROM persons p WHERE p.id = declarations.contractor_manager_id),
  contractor_manager_mobile = (SELECT p.mobile FROM persons p WHERE p.id = declarations.contractor_manager_id),
  supervision_manager_name = (SELECT p.name FROM persons p WHERE p.id = declarations.supervision_manager_id),
  supervision_manager_mobile = (SELECT p.mobile FROM persons p WHERE p.id = declarations.supervision_manager_id);
CREATE INDEX declarations_contractor_manager ON declarations (contractor_manager_id);
CREATE INDEX declarations_supervision_manager ON declarations (supervision_manager_id);
