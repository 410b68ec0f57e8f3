-- dialect: postgresql
-- declarations.project_name follows its project's name (V034), as V035 does on SQLite.
CREATE FUNCTION declarations_project_name_of() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.project_name := (SELECT p.name FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END $$;
CREATE TRIGGER declarations_project_name_insert BEFORE INSERT OR UPDATE OF project_id ON declarations
  FOR EACH ROW EXECUTE FUNCTION declarations_project_name_of();
CREATE FUNCTION declarations_project_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE declarations SET project_name = NEW.name WHERE project_id = NEW.id AND project_name IS DISTINCT FROM NEW.name;
  RETURN NULL;
END $$;
CREATE TRIGGER declarations_project_name_rename AFTER UPDATE OF name ON projects
  FOR EACH ROW EXECUTE FUNCTION declarations_project_renamed();
-- An authority's search (issue 25): its declarations whose 报监编号 or project name contains the text,
-- from trigram GIN indexes that start with the authority (btree_gin: a trusted extension shipped
-- with PostgreSQL, like pg_trgm), so the cost follows the district's matches, not the city's or the
-- district's size. The generic plan of the search page otherwise walked the district in the page's
-- order and tested each project (6–15 ms a deep page at 20k projects; 1.3 ms with these).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX declarations_authority_registration_trgm ON declarations USING gin (authority_id, lower(registration_no) gin_trgm_ops);
CREATE INDEX declarations_authority_name_trgm ON declarations USING gin (authority_id, lower(project_name) gin_trgm_ops);
