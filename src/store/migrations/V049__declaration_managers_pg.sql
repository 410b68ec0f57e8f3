-- dialect: postgresql
-- V048 on PostgreSQL: a declaration made or given another manager takes its managers' names and
-- mobiles before it is written; a person's new name or mobile is written into the declarations it
-- manages.
CREATE FUNCTION declaration_managers_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.name, p.mobile INTO NEW.contractor_manager_name, NEW.contractor_manager_mobile FROM persons p WHERE p.id = NEW.contractor_manager_id;
  SELECT p.name, p.mobile INTO NEW.supervision_manager_name, NEW.supervision_manager_mobile FROM persons p WHERE p.id = NEW.supervision_manager_id;
  RETURN NEW;
END $$;
CREATE TRIGGER declarations_managers_insert BEFORE INSERT ON declarations
  FOR EACH ROW EXECUTE FUNCTION declaration_managers_follow();
-- Every change of state sets supervision_manager_id again, nearly always to what it was.
CREATE TRIGGER declarations_managers_update BEFORE UPDATE OF contractor_manager_id, supervision_manager_id ON declarations
  FOR EACH ROW WHEN (OLD.contractor_manager_id <> NEW.contractor_manager_id OR OLD.supervision_manager_id <> NEW.supervision_manager_id)
  EXECUTE FUNCTION declaration_managers_follow();
CREATE FUNCTION persons_managers_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE declarations SET contractor_manager_name = NEW.name, contractor_manager_mobile = NEW.mobile WHERE contractor_manager_id = NEW.id;
  UPDATE declarations SET supervision_manager_name = NEW.name, supervision_manager_mobile = NEW.mobile WHERE supervision_manager_id = NEW.id;
  RETURN NULL;
END $$;
-- The registry's import writes every person it is given again, most of them unchanged.
CREATE TRIGGER persons_managers_rename AFTER UPDATE OF name, mobile ON persons
  FOR EACH ROW WHEN (OLD.name <> NEW.name OR OLD.mobile <> NEW.mobile) EXECUTE FUNCTION persons_managers_rename();
