-- dialect: postgresql
-- One function moves every count on PostgreSQL. V041's counts_follow (the declarations' and the
-- quarters' counts by authority and state) moved its rows with its own counts_add, the same ordered
-- out/in move as V059's keyed_counts_move (the months' counts, keyed by authority or by enterprise).
-- counts_follow now says which row a change leaves and which it enters, and keyed_counts_move moves
-- it, taking the two rows in the one order (the smaller key and state first) that keeps two moves
-- from deadlocking.
CREATE OR REPLACE FUNCTION counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  submitted_only boolean := TG_ARGV[1] = 'submitted';
  out_a BIGINT;
  out_s TEXT;
  in_a BIGINT;
  in_s TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    out_a := OLD.authority_id;
    out_s := OLD.status;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    in_a := NEW.authority_id;
    in_s := NEW.status;
  END IF;
  -- A declaration is counted once submitted (its authority sees it from then on), a quarter always.
  -- Only a declaration's submitted_at is read (a quarter has none); OLD is NULL on an insert and NEW
  -- on a delete, so their submitted_at is NULL there.
  IF submitted_only THEN
    IF OLD.submitted_at IS NULL THEN
      out_a := NULL;
    END IF;
    IF NEW.submitted_at IS NULL THEN
      in_a := NULL;
    END IF;
  END IF;
  PERFORM keyed_counts_move(TG_ARGV[0]::regclass, 'authority_id', out_a, out_s, in_a, in_s);
  RETURN NULL;
END $$;
DROP FUNCTION counts_add(regclass, BIGINT, TEXT, INT);
