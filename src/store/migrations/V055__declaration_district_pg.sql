-- dialect: postgresql
-- declarations.district follows its project's district (V053), as V054 does on SQLite.
CREATE FUNCTION declarations_district_of() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.district := (SELECT p.district FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END $$;
CREATE TRIGGER declarations_district_insert BEFORE INSERT OR UPDATE OF project_id ON declarations
  FOR EACH ROW EXECUTE FUNCTION declarations_district_of();
CREATE FUNCTION declarations_district_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE declarations SET district = NEW.district WHERE project_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER declarations_district_move AFTER UPDATE OF district ON projects
  FOR EACH ROW WHEN (OLD.district IS DISTINCT FROM NEW.district) EXECUTE FUNCTION declarations_district_moved();
