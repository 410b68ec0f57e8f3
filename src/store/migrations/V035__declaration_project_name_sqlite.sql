-- dialect: sqlite
-- declarations.project_name follows its project's name (V034): set when a declaration is written,
-- and again whenever the project is renamed (the registry's import, or any other UPDATE).
CREATE TRIGGER declarations_project_name_insert AFTER INSERT ON declarations BEGIN
  UPDATE declarations SET project_name = (SELECT p.name FROM projects p WHERE p.id = new.project_id) WHERE id = new.id;
END;
CREATE TRIGGER declarations_project_name_rename AFTER UPDATE OF name ON projects BEGIN
  UPDATE declarations SET project_name = new.name WHERE project_id = new.id AND project_name <> new.name;
END;
