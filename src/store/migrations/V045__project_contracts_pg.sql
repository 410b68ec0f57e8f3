-- dialect: postgresql
-- V044 on PostgreSQL: projects' copies of their contracts (V043) follow every write of a contract, the
-- project it leaves and the project it joins read again from contracts.
CREATE FUNCTION projects_follow_contracts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  left_project BIGINT;
  joined_project BIGINT;
BEGIN
  -- The registry's import writes every contract it is given again, most of them unchanged.
  IF TG_OP = 'UPDATE' AND (OLD.report_no, OLD.project_id, OLD.kind, OLD.enterprise_id)
                          IS NOT DISTINCT FROM (NEW.report_no, NEW.project_id, NEW.kind, NEW.enterprise_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    left_project := OLD.project_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    joined_project := NEW.project_id;
  END IF;
  UPDATE projects SET
    general_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'general'),
    supervision_report_no = (SELECT c.report_no FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision'),
    supervision_enterprise_id = (SELECT c.enterprise_id FROM contracts c WHERE c.project_id = projects.id AND c.kind = 'supervision')
  WHERE id IN (left_project, joined_project);
  RETURN NULL;
END $$;
CREATE TRIGGER projects_follow_contracts AFTER INSERT OR UPDATE OF report_no, project_id, kind, enterprise_id OR DELETE ON contracts
  FOR EACH ROW EXECUTE FUNCTION projects_follow_contracts();
