-- dialect: sqlite
-- Each declaration's row also keeps how many of its months are past their draft (what an authority
-- or a supervisor sees of them), beside V061's months_n, by the same triggers. An authority's month
-- list with a search and no other filter has as many months as its matching declarations hold: its
-- total is read from the declarations that the search tests anyway, instead of counting their months
-- again (issue 25, session 31). (V066 does the same on PostgreSQL.)
ALTER TABLE declarations ADD COLUMN months_submitted_n INTEGER NOT NULL DEFAULT 0;
UPDATE declarations SET months_submitted_n =
    (SELECT COUNT(*) FROM monthly_evaluations m WHERE m.declaration_id = declarations.id AND m.status <> 'draft')
  WHERE id IN (SELECT declaration_id FROM monthly_evaluations WHERE status <> 'draft');
DROP TRIGGER monthly_span_insert;
CREATE TRIGGER monthly_span_insert AFTER INSERT ON monthly_evaluations BEGIN
  UPDATE declarations SET months_n = months_n + 1, months_submitted_n = months_submitted_n + (new.status <> 'draft'),
      months_first = CASE WHEN months_first IS NULL OR new.period < months_first THEN new.period ELSE months_first END,
      months_last = CASE WHEN months_last IS NULL OR new.period > months_last THEN new.period ELSE months_last END
    WHERE id = new.declaration_id;
END;
DROP TRIGGER monthly_span_delete;
CREATE TRIGGER monthly_span_delete AFTER DELETE ON monthly_evaluations BEGIN
  UPDATE declarations SET (months_n, months_submitted_n, months_first, months_last) =
      (SELECT COUNT(*), COUNT(*) FILTER (WHERE m.status <> 'draft'), MIN(m.period), MAX(m.period)
         FROM monthly_evaluations m WHERE m.declaration_id = declarations.id)
    WHERE id = old.declaration_id;
END;
-- One trigger for a month moved (counted again, the workflow never moves one) and for a month whose
-- state leaves its draft or goes back to one (one more or one fewer), so that no change is counted twice.
DROP TRIGGER monthly_span_update;
CREATE TRIGGER monthly_span_update AFTER UPDATE OF declaration_id, period, status ON monthly_evaluations
  WHEN old.declaration_id <> new.declaration_id OR old.period <> new.period OR (old.status = 'draft') <> (new.status = 'draft') BEGIN
  UPDATE declarations SET (months_n, months_submitted_n, months_first, months_last) =
      (SELECT COUNT(*), COUNT(*) FILTER (WHERE m.status <> 'draft'), MIN(m.period), MAX(m.period)
         FROM monthly_evaluations m WHERE m.declaration_id = declarations.id)
    WHERE (old.declaration_id <> new.declaration_id OR old.period <> new.period) AND id IN (old.declaration_id, new.declaration_id);
  UPDATE declarations SET months_submitted_n = months_submitted_n + CASE WHEN new.status = 'draft' THEN -1 ELSE 1 END
    WHERE old.declaration_id = new.declaration_id AND old.period = new.period AND id = new.declaration_id;
END;
