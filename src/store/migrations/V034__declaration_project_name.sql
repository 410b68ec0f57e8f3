-- The project's name on its declaration (issue 25), kept equal to projects.name by the triggers of
-- V035 (SQLite) and V036 (PostgreSQL): an authority's 名称/编号 search on PostgreSQL then finds its
-- declarations through one index keyed by the authority (V036) instead of matching projects
-- city-wide and walking the district to join them. Written by the database itself, on both backends
-- (qsm copy needs the same columns on both), and never by a statement of the store.
ALTER TABLE declarations ADD COLUMN project_name TEXT NOT NULL DEFAULT '';
UPDATE declarations SET project_name = (SELECT p.name FROM projects p WHERE p.id = declarations.project_id);
