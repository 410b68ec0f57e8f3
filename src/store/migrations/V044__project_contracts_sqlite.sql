-- dialect: sqlite
-- projects' copies of their contracts (V043) follow every write of a contract: the project it leaves
-- and the project it joins are read again from contracts (the registry's import may move a contract,
-- change its kind or enterprise; contracts_project_kind keeps one of each kind a project).
-- The reading is written once, as what inserting a project's id into the view project_contracts_follow
-- does; the three triggers of contracts each insert the projects concerned.
CREATE VIEW project_contracts_follow AS SELECT id AS project_id FROM projects WHERE 0;
CREATE TRIGGER project_contracts_follow INSTEAD OF INSERT ON project_contracts_follow BEGIN
  UPDATE projects SET
    general_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'general'),
    supervision_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision'),
    supervision_enterprise_id = (SELECT c.enterprise_id FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision')
  WHERE id = new.project_id;
END;
CREATE TRIGGER projects_contracts_insert AFTER INSERT ON contracts BEGIN
  INSERT INTO project_contracts_follow (project_id) VALUES (new.project_id);
END;
-- The registry's import writes every contract it is given again, most of them unchanged.
CREATE TRIGGER projects_contracts_update AFTER UPDATE OF report_no, project_id, kind, enterprise_id ON contracts
  WHEN old.report_no <> new.report_no OR old.project_id <> new.project_id OR old.kind <> new.kind OR old.enterprise_id <> new.enterprise_id BEGIN
  INSERT INTO project_contracts_follow (project_id) VALUES (old.project_id), (new.project_id);
END;
CREATE TRIGGER projects_contracts_delete AFTER DELETE ON contracts BEGIN
  INSERT INTO project_contracts_follow (project_id) VALUES (old.project_id);
END;
