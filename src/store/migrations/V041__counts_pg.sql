-- dialect: postgresql
-- V040 on PostgreSQL: the submitted declarations and the quarters counted by authority and state,
-- kept by a trigger in the writer's transaction. A count's row is written only when a declaration of
-- that authority enters or leaves that state (submitted, reviewed, accepted, …: a few times in a
-- project's life; a quarter when it is made and when it is registered), so no row is hot; a move
-- takes its two rows in one order, so two moves between the same two states cannot deadlock.
CREATE TABLE declaration_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
);
INSERT INTO declaration_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM declarations WHERE submitted_at IS NOT NULL GROUP BY authority_id, status;
CREATE TABLE quarterly_counts (
  authority_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_id, status)
);
INSERT INTO quarterly_counts (authority_id, status, n)
  SELECT authority_id, status, COUNT(*) FROM quarterly_registrations WHERE authority_id IS NOT NULL GROUP BY authority_id, status;
-- One function for both: its first argument names the counts, its second whether only submitted rows
-- count (a declaration is seen by its authority once submitted).
CREATE FUNCTION counts_add(counts regclass, a BIGINT, s TEXT, delta INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO %s AS c (authority_id, status, n) VALUES ($1, $2, $3) '
                 'ON CONFLICT (authority_id, status) DO UPDATE SET n = c.n + $3', counts) USING a, s, delta;
END $$;
CREATE FUNCTION counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counts regclass := TG_ARGV[0]::regclass;
  submitted_only boolean := TG_ARGV[1] = 'submitted';
  out_a BIGINT;
  out_s TEXT;
  in_a BIGINT;
  in_s TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    out_a := OLD.authority_id;
    out_s := OLD.status;
    IF submitted_only THEN
      IF OLD.submitted_at IS NULL THEN
        out_a := NULL;
      END IF;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    in_a := NEW.authority_id;
    in_s := NEW.status;
    IF submitted_only THEN
      IF NEW.submitted_at IS NULL THEN
        in_a := NULL;
      END IF;
    END IF;
  END IF;
  IF out_a IS NOT DISTINCT FROM in_a AND (out_a IS NULL OR out_s = in_s) THEN
    RETURN NULL;
  END IF;
  IF in_a IS NOT NULL AND (out_a IS NULL OR (in_a, in_s) < (out_a, out_s)) THEN
    PERFORM counts_add(counts, in_a, in_s, 1);
    in_a := NULL;
  END IF;
  IF out_a IS NOT NULL THEN
    PERFORM counts_add(counts, out_a, out_s, -1);
  END IF;
  IF in_a IS NOT NULL THEN
    PERFORM counts_add(counts, in_a, in_s, 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER declaration_counts_follow AFTER INSERT OR UPDATE OF authority_id, status, submitted_at OR DELETE ON declarations
  FOR EACH ROW EXECUTE FUNCTION counts_follow('declaration_counts', 'submitted');
CREATE TRIGGER quarterly_counts_follow AFTER INSERT OR UPDATE OF authority_id, status OR DELETE ON quarterly_registrations
  FOR EACH ROW EXECUTE FUNCTION counts_follow('quarterly_counts', 'all');
