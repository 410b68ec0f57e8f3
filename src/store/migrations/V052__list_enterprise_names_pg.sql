-- dialect: postgresql
-- V051 on PostgreSQL: a declaration made or given another enterprise, and a project given another
-- supervision enterprise, take the enterprises' USCC and name before they are written; an enterprise's
-- new USCC or name is written into the declarations and projects that show it.
CREATE FUNCTION declaration_enterprises_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT e.uscc, e.name INTO NEW.contractor_uscc, NEW.contractor_name FROM enterprises e WHERE e.id = NEW.contractor_enterprise_id;
  SELECT e.uscc, e.name INTO NEW.supervisor_uscc, NEW.supervisor_name FROM enterprises e WHERE e.id = NEW.supervisor_enterprise_id;
  RETURN NEW;
END $$;
CREATE TRIGGER declarations_enterprises_insert BEFORE INSERT ON declarations
  FOR EACH ROW EXECUTE FUNCTION declaration_enterprises_follow();
CREATE TRIGGER declarations_enterprises_update BEFORE UPDATE OF contractor_enterprise_id, supervisor_enterprise_id ON declarations
  FOR EACH ROW WHEN (OLD.contractor_enterprise_id IS DISTINCT FROM NEW.contractor_enterprise_id
                     OR OLD.supervisor_enterprise_id IS DISTINCT FROM NEW.supervisor_enterprise_id)
  EXECUTE FUNCTION declaration_enterprises_follow();
CREATE FUNCTION project_supervision_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT e.uscc, e.name INTO NEW.supervision_uscc, NEW.supervision_name FROM enterprises e WHERE e.id = NEW.supervision_enterprise_id;
  RETURN NEW;
END $$;
CREATE TRIGGER projects_supervision_insert BEFORE INSERT ON projects
  FOR EACH ROW EXECUTE FUNCTION project_supervision_follow();
CREATE TRIGGER projects_supervision_update BEFORE UPDATE OF supervision_enterprise_id ON projects
  FOR EACH ROW WHEN (OLD.supervision_enterprise_id IS DISTINCT FROM NEW.supervision_enterprise_id)
  EXECUTE FUNCTION project_supervision_follow();
CREATE FUNCTION enterprises_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE declarations SET contractor_uscc = NEW.uscc, contractor_name = NEW.name WHERE contractor_enterprise_id = NEW.id;
  UPDATE declarations SET supervisor_uscc = NEW.uscc, supervisor_name = NEW.name WHERE supervisor_enterprise_id = NEW.id;
  UPDATE projects SET supervision_uscc = NEW.uscc, supervision_name = NEW.name WHERE supervision_enterprise_id = NEW.id;
  RETURN NULL;
END $$;
-- The registry's import writes every enterprise it is given again, most of them unchanged.
CREATE TRIGGER enterprises_names_follow AFTER UPDATE OF uscc, name ON enterprises
  FOR EACH ROW WHEN (OLD.uscc <> NEW.uscc OR OLD.name <> NEW.name) EXECUTE FUNCTION enterprises_names_follow();
