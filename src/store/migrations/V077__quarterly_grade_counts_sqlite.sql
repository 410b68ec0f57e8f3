-- dialect: sqlite
-- The dashboard's quarter grades counted by authority and conclusion, kept by triggers in the writer's
-- transaction, as V040's counts: counted from the authority's quarters (V069's index), they read
-- 36,540 entries and 8-9 ms for 闵行 at 100k projects, the dashboard's largest statement once the
-- latest scores were kept (V075; issue 25, session 33). A quarter without an authority is counted
-- under 0 (no authority has that id), so that the city's figures (the administrator's) are the sum.
-- The conclusion is the counts' second key, named status as in V040's tables so that PostgreSQL's
-- keyed_counts_move (V059, V060) moves them (V078).
CREATE TABLE quarterly_grade_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
) WITHOUT ROWID;
INSERT INTO quarterly_grade_counts (authority_id, status, n)
  SELECT COALESCE(authority_id, 0), conclusion, COUNT(*) FROM quarterly_registrations WHERE conclusion IS NOT NULL GROUP BY 1, 2;
CREATE TRIGGER quarterly_grade_counts_insert AFTER INSERT ON quarterly_registrations WHEN new.conclusion IS NOT NULL BEGIN
  INSERT INTO quarterly_grade_counts (authority_id, status, n) VALUES (COALESCE(new.authority_id, 0), new.conclusion, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
-- An update moves a quarter out of its count, then into its new one, when it changes either.
CREATE TRIGGER quarterly_grade_counts_update_out AFTER UPDATE OF authority_id, conclusion ON quarterly_registrations
  WHEN old.conclusion IS NOT NULL
    AND (new.conclusion IS NULL OR COALESCE(new.authority_id, 0) <> COALESCE(old.authority_id, 0) OR new.conclusion <> old.conclusion) BEGIN
  UPDATE quarterly_grade_counts SET n = n - 1 WHERE authority_id = COALESCE(old.authority_id, 0) AND status = old.conclusion;
END;
CREATE TRIGGER quarterly_grade_counts_update_in AFTER UPDATE OF authority_id, conclusion ON quarterly_registrations
  WHEN new.conclusion IS NOT NULL
    AND (old.conclusion IS NULL OR COALESCE(new.authority_id, 0) <> COALESCE(old.authority_id, 0) OR new.conclusion <> old.conclusion) BEGIN
  INSERT INTO quarterly_grade_counts (authority_id, status, n) VALUES (COALESCE(new.authority_id, 0), new.conclusion, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER quarterly_grade_counts_delete AFTER DELETE ON quarterly_registrations WHEN old.conclusion IS NOT NULL BEGIN
  UPDATE quarterly_grade_counts SET n = n - 1 WHERE authority_id = COALESCE(old.authority_id, 0) AND status = old.conclusion;
END;
-- Only the grades read it (a registration wrote it).
DROP INDEX quarterly_authority_conclusion;
