-- dialect: sqlite
-- declarations' copies of their managers (V047) follow every write: a declaration made or given
-- another manager reads its managers again (written once, as what inserting its id into the view
-- declaration_managers_follow does), and a person's new name or mobile is written into the
-- declarations it manages.
CREATE VIEW declaration_managers_follow AS SELECT id AS declaration_id FROM declarations WHERE 0;
CREATE TRIGGER declaration_managers_follow INSTEAD OF INSERT ON declaration_managers_follow BEGIN
  UPDATE declarations SET
    contractor_manager_name = (SELECT p.name FROM persons p WHERE p.id = declarations.contractor_manager_id),
    contractor_manager_mobile = (SELECT p.mobile FROM persons p WHERE p.id = declarations.contractor_manager_id),
    supervision_manager_name = (SELECT p.name FROM persons p WHERE p.id = declarations.supervision_manager_id),
    supervision_manager_mobile = (SELECT p.mobile FROM persons p WHERE p.id = declarations.supervision_manager_id)
  WHERE id = new.declaration_id;
END;
CREATE TRIGGER declarations_managers_insert AFTER INSERT ON declarations BEGIN
  INSERT INTO declaration_managers_follow (declaration_id) VALUES (new.id);
END;
-- Every change of state sets supervision_manager_id again, nearly always to what it was.
CREATE TRIGGER declarations_managers_update AFTER UPDATE OF contractor_manager_id, supervision_manager_id ON declarations
  WHEN old.contractor_manager_id <> new.contractor_manager_id OR old.supervision_manager_id <> new.supervision_manager_id BEGIN
  INSERT INTO declaration_managers_follow (declaration_id) VALUES (new.id);
END;
-- The registry's import writes every person it is given again, most of them unchanged.
CREATE TRIGGER persons_managers_rename AFTER UPDATE OF name, mobile ON persons
  WHEN old.name <> new.name OR old.mobile <> new.mobile BEGIN
  UPDATE declarations SET contractor_manager_name = new.name, contractor_manager_mobile = new.mobile WHERE contractor_manager_id = new.id;
  UPDATE declarations SET supervision_manager_name = new.name, supervision_manager_mobile = new.mobile WHERE supervision_manager_id = new.id;
END;
