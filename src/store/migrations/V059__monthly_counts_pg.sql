-- dialect: postgresql
-- V058 on PostgreSQL: the months counted by authority and state and by construction enterprise and
-- state, kept by a trigger in the writer's transaction. A count's row is written only when a month
-- of that authority (enterprise) enters or leaves a state: submitted, reviewed, filed, registered, a
-- few times in its life; a sheet's save writes none. Every move takes its rows in one order (the
-- authority's counts before the enterprise's, each pair the smaller key first), so two moves cannot
-- deadlock.
CREATE TABLE monthly_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
);
CREATE TABLE monthly_contractor_counts (
  contractor_enterprise_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (contractor_enterprise_id, status)
);
INSERT INTO monthly_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM monthly_evaluations GROUP BY authority_id, status;
INSERT INTO monthly_contractor_counts (contractor_enterprise_id, status, n)
  SELECT contractor_enterprise_id, status, COUNT(*) FROM monthly_evaluations GROUP BY contractor_enterprise_id, status;
-- One count's move from (out_k, out_s) to (in_k, in_s), either end NULL for none; `key_name` is the
-- count's key column.
CREATE FUNCTION keyed_counts_move(counts regclass, key_name TEXT, out_k BIGINT, out_s TEXT, in_k BIGINT, in_s TEXT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  add TEXT := format('INSERT INTO %s AS c (%I, status, n) VALUES ($1, $2, 1) '
                     'ON CONFLICT (%I, status) DO UPDATE SET n = c.n + 1', counts, key_name, key_name);
BEGIN
  IF out_k IS NOT DISTINCT FROM in_k AND out_s IS NOT DISTINCT FROM in_s THEN
    RETURN;
  END IF;
  IF in_k IS NOT NULL AND (out_k IS NULL OR (in_k, in_s) < (out_k, out_s)) THEN
    EXECUTE add USING in_k, in_s;
    in_k := NULL;
  END IF;
  IF out_k IS NOT NULL THEN
    EXECUTE format('UPDATE %s SET n = n - 1 WHERE %I = $1 AND status = $2', counts, key_name) USING out_k, out_s;
  END IF;
  IF in_k IS NOT NULL THEN
    EXECUTE add USING in_k, in_s;
  END IF;
END $$;
CREATE FUNCTION monthly_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM keyed_counts_move('monthly_counts', 'authority_id', NULL, NULL, NEW.authority_id, NEW.status);
    PERFORM keyed_counts_move('monthly_contractor_counts', 'contractor_enterprise_id', NULL, NULL, NEW.contractor_enterprise_id, NEW.status);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM keyed_counts_move('monthly_counts', 'authority_id', OLD.authority_id, OLD.status, NULL, NULL);
    PERFORM keyed_counts_move('monthly_contractor_counts', 'contractor_enterprise_id', OLD.contractor_enterprise_id, OLD.status, NULL, NULL);
  ELSE
    PERFORM keyed_counts_move('monthly_counts', 'authority_id', OLD.authority_id, OLD.status, NEW.authority_id, NEW.status);
    PERFORM keyed_counts_move('monthly_contractor_counts', 'contractor_enterprise_id', OLD.contractor_enterprise_id, OLD.status,
                              NEW.contractor_enterprise_id, NEW.status);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monthly_counts_follow AFTER INSERT OR DELETE ON monthly_evaluations
  FOR EACH ROW EXECUTE FUNCTION monthly_counts_follow();
-- A review sheet's save sets the state it keeps: no call unless a key or the state changes.
CREATE TRIGGER monthly_counts_follow_update AFTER UPDATE OF authority_id, contractor_enterprise_id, status ON monthly_evaluations
  FOR EACH ROW WHEN (OLD.authority_id <> NEW.authority_id OR OLD.contractor_enterprise_id <> NEW.contractor_enterprise_id OR OLD.status <> NEW.status)
  EXECUTE FUNCTION monthly_counts_follow();
