-- dialect: sqlite
-- declarations.district follows its project's district (V053): set when a declaration is written,
-- and again whenever the registry's import (or any other UPDATE) moves the project to another district.
CREATE TRIGGER declarations_district_insert AFTER INSERT ON declarations BEGIN
  UPDATE declarations SET district = (SELECT p.district FROM projects p WHERE p.id = new.project_id) WHERE id = new.id;
END;
CREATE TRIGGER declarations_district_move AFTER UPDATE OF district ON projects WHEN old.district <> new.district BEGIN
  UPDATE declarations SET district = new.district WHERE project_id = new.id;
END;
