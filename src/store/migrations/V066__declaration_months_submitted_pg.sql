-- dialect: postgresql
-- V065 on PostgreSQL: each declaration's row keeps how many of its months are past their draft, kept
-- by V062's trigger, which now also follows a month's state across its draft (the one trigger, so
-- that no change is counted twice).
ALTER TABLE declarations ADD COLUMN months_submitted_n BIGINT NOT NULL DEFAULT 0;
UPDATE declarations d SET months_submitted_n =
    (SELECT COUNT(*) FROM monthly_evaluations m WHERE m.declaration_id = d.id AND m.status <> 'draft')
  WHERE d.id IN (SELECT declaration_id FROM monthly_evaluations WHERE status <> 'draft');
CREATE OR REPLACE FUNCTION monthly_span_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE declarations SET months_n = months_n + 1, months_submitted_n = months_submitted_n + (NEW.status <> 'draft')::int,
        months_first = LEAST(months_first, NEW.period), months_last = GREATEST(months_last, NEW.period)
      WHERE id = NEW.declaration_id;
  ELSIF TG_OP = 'UPDATE' AND OLD.declaration_id = NEW.declaration_id AND OLD.period = NEW.period THEN
    -- Only the state, across the draft: one more past it, or one fewer.
    UPDATE declarations SET months_submitted_n = months_submitted_n + CASE WHEN NEW.status = 'draft' THEN -1 ELSE 1 END
      WHERE id = NEW.declaration_id;
  ELSE
    -- OLD's declaration, and on an update NEW's (NEW is NULL on a delete).
    UPDATE declarations d SET (months_n, months_submitted_n, months_first, months_last) =
        (SELECT COUNT(*), COUNT(*) FILTER (WHERE m.status <> 'draft'), MIN(m.period), MAX(m.period)
           FROM monthly_evaluations m WHERE m.declaration_id = d.id)
      WHERE d.id = OLD.declaration_id OR d.id = NEW.declaration_id;
  END IF;
  RETURN NULL;
END $$;
-- Fired after monthly_counts_follow_update (triggers fire in the order of their names), as before: a
-- month's change takes the counts' rows first and its declaration's row last.
DROP TRIGGER monthly_span_follow_update ON monthly_evaluations;
CREATE TRIGGER monthly_span_follow_update AFTER UPDATE OF declaration_id, period, status ON monthly_evaluations
  FOR EACH ROW WHEN (OLD.declaration_id <> NEW.declaration_id OR OLD.period <> NEW.period OR (OLD.status = 'draft') <> (NEW.status = 'draft'))
  EXECUTE FUNCTION monthly_span_follow();
-- A search of one or two characters has no trigram (V036) and is tested on each of the authority's
-- declarations (strpos, session 30). Their rows are wide (about 6 kB at 20k projects), so the test
-- read a table page per declaration: 1,443 pages and 3.7 ms for 闵行's 1,899 declarations, for each
-- of the month list's statements. From this index the same test reads 34 pages, 1.5 ms, and with the
-- months they hold gives the list's total (issue 25, session 31).
CREATE INDEX declarations_authority_search ON declarations (authority_id)
    INCLUDE (registration_no, project_name, district, status, months_n, months_submitted_n, id) WHERE submitted_at IS NOT NULL;
