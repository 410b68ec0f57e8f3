-- The project's district on its declaration (issue 25), kept equal to projects.district by the
-- triggers of V054 (SQLite) and V055 (PostgreSQL). With 报监编号 (V019) and the project's name (V034)
-- the declaration now carries all that a list row shows of its project (DeclarationRef), so the
-- lists of months, quarters, requests, completions, rectifications and the inbox no longer look up
-- each row's project: 20 scattered rows of a table that grows with the city. An authority's inbox
-- page of 20 pending quarters read 64.6 pages from the file at 100k projects (session 27). Written
-- by the database itself, on both backends (qsm copy needs the same columns on both), never by a
-- statement of the store.
ALTER TABLE declarations ADD COLUMN district TEXT NOT NULL DEFAULT '';
UPDATE declarations SET district = (SELECT p.district FROM projects p WHERE p.id = declarations.project_id);
