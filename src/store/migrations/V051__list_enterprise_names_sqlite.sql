-- dialect: sqlite
-- The copies of V050 follow every write: a declaration made or given another enterprise reads its
-- enterprises again, a project given another supervision enterprise (V044's triggers set it from the
-- contracts) reads it again (each written once, as what inserting an id into a view does), and an
-- enterprise's new USCC or name is written into the declarations and projects that show it.
CREATE VIEW declaration_enterprises_follow AS SELECT id AS declaration_id FROM declarations WHERE 0;
CREATE TRIGGER declaration_enterprises_follow INSTEAD OF INSERT ON declaration_enterprises_follow BEGIN
  UPDATE declarations SET
    contractor_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = declarations.contractor_enterprise_id),
    contractor_name = (SELECT e.name FROM enterprises e WHERE e.id = declarations.contractor_enterprise_id),
    supervisor_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = declarations.supervisor_enterprise_id),
    supervisor_name = (SELECT e.name FROM enterprises e WHERE e.id = declarations.supervisor_enterprise_id)
  WHERE id = new.declaration_id;
END;
CREATE TRIGGER declarations_enterprises_insert AFTER INSERT ON declarations BEGIN
  INSERT INTO declaration_enterprises_follow (declaration_id) VALUES (new.id);
END;
CREATE TRIGGER declarations_enterprises_update AFTER UPDATE OF contractor_enterprise_id, supervisor_enterprise_id ON declarations
  WHEN old.contractor_enterprise_id IS NOT new.contractor_enterprise_id OR old.supervisor_enterprise_id IS NOT new.supervisor_enterprise_id BEGIN
  INSERT INTO declaration_enterprises_follow (declaration_id) VALUES (new.id);
END;
CREATE VIEW project_supervision_follow AS SELECT id AS project_id FROM projects WHERE 0;
CREATE TRIGGER project_supervision_follow INSTEAD OF INSERT ON project_supervision_follow BEGIN
  UPDATE projects SET
    supervision_uscc = (SELECT e.uscc FROM enterprises e WHERE e.id = projects.supervision_enterprise_id),
    supervision_name = (SELECT e.name FROM enterprises e WHERE e.id = projects.supervision_enterprise_id)
  WHERE id = new.project_id;
END;
CREATE TRIGGER projects_supervision_insert AFTER INSERT ON projects WHEN new.supervision_enterprise_id IS NOT NULL BEGIN
  INSERT INTO project_supervision_follow (project_id) VALUES (new.id);
END;
CREATE TRIGGER projects_supervision_update AFTER UPDATE OF supervision_enterprise_id ON projects
  WHEN old.supervision_enterprise_id IS NOT new.supervision_enterprise_id BEGIN
  INSERT INTO project_supervision_follow (project_id) VALUES (new.id);
END;
-- The registry's import writes every enterprise it is given again, most of them unchanged.
CREATE TRIGGER enterprises_names_follow AFTER UPDATE OF uscc, name ON enterprises
  WHEN old.uscc <> new.uscc OR old.name <> new.name BEGIN
  UPDATE declarations SET contractor_uscc = new.uscc, contractor_name = new.name WHERE contractor_enterprise_id = new.id;
  UPDATE declarations SET supervisor_uscc = new.uscc, supervisor_name = new.name WHERE supervisor_enterprise_id = new.id;
  UPDATE projects SET supervision_uscc = new.uscc, supervision_name = new.name WHERE supervision_enterprise_id = new.id;
END;
