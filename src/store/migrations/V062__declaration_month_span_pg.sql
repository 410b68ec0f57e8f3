-- dialect: postgresql
-- V061 on PostgreSQL: each declaration's row keeps how many months it has and its first and last
-- period, kept by a trigger in the writer's transaction. A new month adds itself under the
-- declaration row's lock (two months of one declaration created at once both count); a delete or a
-- move (the workflow does neither) counts the declaration's months again.
ALTER TABLE declarations ADD COLUMN months_n BIGINT NOT NULL DEFAULT 0, ADD COLUMN months_first TEXT, ADD COLUMN months_last TEXT;
UPDATE declarations d SET (months_n, months_first, months_last) =
    (SELECT COUNT(*), MIN(m.period), MAX(m.period) FROM monthly_evaluations m WHERE m.declaration_id = d.id)
  WHERE d.id IN (SELECT declaration_id FROM monthly_evaluations);
CREATE FUNCTION monthly_span_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE declarations SET months_n = months_n + 1, months_first = LEAST(months_first, NEW.period), months_last = GREATEST(months_last, NEW.period)
      WHERE id = NEW.declaration_id;
  ELSE
    -- OLD's declaration, and on an update NEW's (NEW is NULL on a delete).
    UPDATE declarations d SET (months_n, months_first, months_last) =
        (SELECT COUNT(*), MIN(m.period), MAX(m.period) FROM monthly_evaluations m WHERE m.declaration_id = d.id)
      WHERE d.id = OLD.declaration_id OR d.id = NEW.declaration_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monthly_span_follow AFTER INSERT OR DELETE ON monthly_evaluations
  FOR EACH ROW EXECUTE FUNCTION monthly_span_follow();
CREATE TRIGGER monthly_span_follow_update AFTER UPDATE OF declaration_id, period ON monthly_evaluations
  FOR EACH ROW WHEN (OLD.declaration_id <> NEW.declaration_id OR OLD.period <> NEW.period)
  EXECUTE FUNCTION monthly_span_follow();
DROP INDEX declarations_contractor_calendar;
CREATE INDEX declarations_contractor_calendar ON declarations (contractor_enterprise_id, id, management_status, accepted_at, status, months_n, months_first, months_last);
-- V039's (enterprise, declaration, period, state), which the calendars read before, goes: a month's
-- state change wrote it.
DROP INDEX monthly_contractor_calendar;
DROP INDEX monthly_contractor_status;
CREATE INDEX monthly_contractor_status ON monthly_evaluations (contractor_enterprise_id, status, updated_at, declaration_id, period);
