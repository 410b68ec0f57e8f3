-- dialect: sqlite
-- The month list's total without a filter but the state (issue 25: exact totals from maintained
-- per-scope counters). Counted, an authority's total read every non-draft month of its district: 268
-- pages a call at 100k projects against 31 at 20k (session 27's statement pages), and a construction
-- enterprise's every month it holds (23 against 14). Here the months are counted by authority and
-- state and by construction enterprise and state, kept by triggers in the writer's transaction, as
-- V040 counts the declarations: a total is one or a few rows. A month's state changes a few times in
-- its life (a sheet's save changes none); its authority and enterprise are copied when it is made
-- (V020, V037). V059 does the same on PostgreSQL.
CREATE TABLE monthly_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
) WITHOUT ROWID;
CREATE TABLE monthly_contractor_counts (
  contractor_enterprise_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (contractor_enterprise_id, status)
) WITHOUT ROWID;
INSERT INTO monthly_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM monthly_evaluations GROUP BY authority_id, status;
INSERT INTO monthly_contractor_counts (contractor_enterprise_id, status, n)
  SELECT contractor_enterprise_id, status, COUNT(*) FROM monthly_evaluations GROUP BY contractor_enterprise_id, status;
CREATE TRIGGER monthly_counts_insert AFTER INSERT ON monthly_evaluations BEGIN
  INSERT INTO monthly_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
  INSERT INTO monthly_contractor_counts (contractor_enterprise_id, status, n) VALUES (new.contractor_enterprise_id, new.status, 1)
    ON CONFLICT (contractor_enterprise_id, status) DO UPDATE SET n = n + 1;
END;
-- An update moves a month out of its counts and into its new ones, when it changes what they key on.
CREATE TRIGGER monthly_counts_update AFTER UPDATE OF authority_id, status ON monthly_evaluations
  WHEN new.authority_id <> old.authority_id OR new.status <> old.status BEGIN
  UPDATE monthly_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
  INSERT INTO monthly_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER monthly_contractor_counts_update AFTER UPDATE OF contractor_enterprise_id, status ON monthly_evaluations
  WHEN new.contractor_enterprise_id <> old.contractor_enterprise_id OR new.status <> old.status BEGIN
  UPDATE monthly_contractor_counts SET n = n - 1 WHERE contractor_enterprise_id = old.contractor_enterprise_id AND status = old.status;
  INSERT INTO monthly_contractor_counts (contractor_enterprise_id, status, n) VALUES (new.contractor_enterprise_id, new.status, 1)
    ON CONFLICT (contractor_enterprise_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER monthly_counts_delete AFTER DELETE ON monthly_evaluations BEGIN
  UPDATE monthly_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
  UPDATE monthly_contractor_counts SET n = n - 1 WHERE contractor_enterprise_id = old.contractor_enterprise_id AND status = old.status;
END;
