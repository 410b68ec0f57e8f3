-- dialect: postgresql
-- V075 on PostgreSQL: each declaration's row keeps its latest reviewed score (the review score of its
-- latest filed or registered month that has one), recomputed by a trigger in the writer's transaction,
-- and the authority's index of management states INCLUDEs it.
ALTER TABLE declarations ADD COLUMN latest_review_score BIGINT;
UPDATE declarations d SET latest_review_score =
    (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = d.id AND m.status IN ('filed', 'registered')
       AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
  WHERE d.id IN (SELECT declaration_id FROM monthly_evaluations WHERE status IN ('filed', 'registered') AND review_score IS NOT NULL);
CREATE FUNCTION monthly_latest_review_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- OLD's declaration and NEW's (OLD is NULL on an insert, NEW on a delete).
  UPDATE declarations d SET latest_review_score =
      (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = d.id AND m.status IN ('filed', 'registered')
         AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
    WHERE d.id = OLD.declaration_id OR d.id = NEW.declaration_id;
  RETURN NULL;
END $$;
-- Named to fire after the counts' triggers (triggers fire in the order of their names), as V066's: a
-- month's change takes the counts' rows first and its declaration's row last.
CREATE TRIGGER monthly_span_latest_review_insert AFTER INSERT ON monthly_evaluations
  FOR EACH ROW WHEN (NEW.status IN ('filed', 'registered') AND NEW.review_score IS NOT NULL)
  EXECUTE FUNCTION monthly_latest_review_follow();
CREATE TRIGGER monthly_span_latest_review_delete AFTER DELETE ON monthly_evaluations
  FOR EACH ROW WHEN (OLD.status IN ('filed', 'registered') AND OLD.review_score IS NOT NULL)
  EXECUTE FUNCTION monthly_latest_review_follow();
CREATE TRIGGER monthly_span_latest_review_update AFTER UPDATE OF declaration_id, period, status, review_score ON monthly_evaluations
  FOR EACH ROW WHEN ((OLD.status IN ('filed', 'registered') AND OLD.review_score IS NOT NULL)
                       IS DISTINCT FROM (NEW.status IN ('filed', 'registered') AND NEW.review_score IS NOT NULL)
                     OR (NEW.status IN ('filed', 'registered') AND NEW.review_score IS NOT NULL
                         AND (OLD.declaration_id <> NEW.declaration_id OR OLD.period <> NEW.period OR OLD.review_score <> NEW.review_score)))
  EXECUTE FUNCTION monthly_latest_review_follow();
DROP INDEX declarations_authority_management;
CREATE INDEX declarations_authority_management ON declarations (authority_id, management_status, submitted_at)
  INCLUDE (accepted_at, months_n, months_first, months_last, id, latest_review_score) WHERE submitted_at IS NOT NULL;
