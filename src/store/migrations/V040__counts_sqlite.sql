-- dialect: sqlite
-- An authority's declaration list shows its total on every page (issue 25: exact totals from
-- maintained per-scope counters). Counted, the total read the district's entries of a list index:
-- ~48 pages at 100k projects, ~10 at 20k, and under the mix nearly every read starts with an empty
-- page cache, so the count cost grew with the district. Here the submitted declarations (the ones an
-- authority sees) are counted by authority and state, kept by triggers in the writer's transaction:
-- a total is one or a few rows. The same for the quarters by authority and state: an authority's inbox
-- counts its pending quarters, one for nearly every active project of the district (18,271 entries,
-- 123 pages, for the largest district at 100k projects). V041 does the same on PostgreSQL.
CREATE TABLE declaration_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
) WITHOUT ROWID;
INSERT INTO declaration_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM declarations WHERE submitted_at IS NOT NULL GROUP BY authority_id, status;
CREATE TRIGGER declaration_counts_insert AFTER INSERT ON declarations WHEN new.submitted_at IS NOT NULL BEGIN
  INSERT INTO declaration_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
-- An update moves a declaration out of its count, then into its new one, when it changes either.
CREATE TRIGGER declaration_counts_update_out AFTER UPDATE OF authority_id, status, submitted_at ON declarations
  WHEN old.submitted_at IS NOT NULL AND (new.submitted_at IS NULL OR new.authority_id <> old.authority_id OR new.status <> old.status) BEGIN
  UPDATE declaration_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
END;
CREATE TRIGGER declaration_counts_update_in AFTER UPDATE OF authority_id, status, submitted_at ON declarations
  WHEN new.submitted_at IS NOT NULL AND (old.submitted_at IS NULL OR new.authority_id <> old.authority_id OR new.status <> old.status) BEGIN
  INSERT INTO declaration_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER declaration_counts_delete AFTER DELETE ON declarations WHEN old.submitted_at IS NOT NULL BEGIN
  UPDATE declaration_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
END;
CREATE TABLE quarterly_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
) WITHOUT ROWID;
INSERT INTO quarterly_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM quarterly_registrations WHERE authority_id IS NOT NULL GROUP BY authority_id, status;
CREATE TRIGGER quarterly_counts_insert AFTER INSERT ON quarterly_registrations WHEN new.authority_id IS NOT NULL BEGIN
  INSERT INTO quarterly_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER quarterly_counts_update_out AFTER UPDATE OF authority_id, status ON quarterly_registrations
  WHEN old.authority_id IS NOT NULL AND (new.authority_id IS NULL OR new.authority_id <> old.authority_id OR new.status <> old.status) BEGIN
  UPDATE quarterly_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
END;
CREATE TRIGGER quarterly_counts_update_in AFTER UPDATE OF authority_id, status ON quarterly_registrations
  WHEN new.authority_id IS NOT NULL AND (old.authority_id IS NULL OR new.authority_id <> old.authority_id OR new.status <> old.status) BEGIN
  INSERT INTO quarterly_counts (authority_id, status, n) VALUES (new.authority_id, new.status, 1)
    ON CONFLICT (authority_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER quarterly_counts_delete AFTER DELETE ON quarterly_registrations WHEN old.authority_id IS NOT NULL BEGIN
  UPDATE quarterly_counts SET n = n - 1 WHERE authority_id = old.authority_id AND status = old.status;
END;
