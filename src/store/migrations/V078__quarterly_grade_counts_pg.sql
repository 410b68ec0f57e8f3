-- dialect: postgresql
-- V077 on PostgreSQL: the quarter grades counted by authority (0 for none) and conclusion, moved by
-- keyed_counts_move (V059, V060) in its one order of rows. Its triggers are named after
-- quarterly_counts_follow, which fire first (triggers fire in the order of their names): a
-- registration takes its state's count rows, then its grade's.
CREATE TABLE quarterly_grade_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
);
INSERT INTO quarterly_grade_counts (authority_id, status, n)
  SELECT COALESCE(authority_id, 0), conclusion, COUNT(*) FROM quarterly_registrations WHERE conclusion IS NOT NULL GROUP BY 1, 2;
CREATE FUNCTION quarterly_grade_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  out_k BIGINT;
  in_k BIGINT;
BEGIN
  -- OLD is NULL on an insert and NEW on a delete, so their conclusion is NULL there.
  IF OLD.conclusion IS NOT NULL THEN
    out_k := COALESCE(OLD.authority_id, 0);
  END IF;
  IF NEW.conclusion IS NOT NULL THEN
    in_k := COALESCE(NEW.authority_id, 0);
  END IF;
  PERFORM keyed_counts_move('quarterly_grade_counts', 'authority_id', out_k, OLD.conclusion, in_k, NEW.conclusion);
  RETURN NULL;
END $$;
CREATE TRIGGER quarterly_grade_counts_follow AFTER INSERT OR DELETE ON quarterly_registrations
  FOR EACH ROW EXECUTE FUNCTION quarterly_grade_counts_follow();
CREATE TRIGGER quarterly_grade_counts_follow_update AFTER UPDATE OF authority_id, conclusion ON quarterly_registrations
  FOR EACH ROW WHEN (OLD.authority_id IS DISTINCT FROM NEW.authority_id OR OLD.conclusion IS DISTINCT FROM NEW.conclusion)
  EXECUTE FUNCTION quarterly_grade_counts_follow();
DROP INDEX quarterly_authority_conclusion;
