-- dialect: sqlite
-- The dashboard's score distribution is each active project's latest reviewed score: the review score
-- of its latest month that is filed or registered (复核 done) and has one. Read per project, one
-- backward step each on the months' index by declaration, it was 28-35 ms of 闵行's dashboard at 100k
-- projects (9,135 active projects, 1.14M months; issue 25, session 32). Here each declaration's row
-- keeps that score, recomputed by triggers in the writer's transaction whenever one of its months
-- enters, leaves or changes among the filed and registered ones, and the authority's index of
-- management states (V069, V073) carries it: the distribution is one range of that index.
-- (V076 does the same on PostgreSQL.) The states are domain::monthly's filed and registered.
ALTER TABLE declarations ADD COLUMN latest_review_score INTEGER;
UPDATE declarations SET latest_review_score =
    (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = declarations.id AND m.status IN ('filed', 'registered')
       AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
  WHERE id IN (SELECT declaration_id FROM monthly_evaluations WHERE status IN ('filed', 'registered') AND review_score IS NOT NULL);
CREATE TRIGGER monthly_latest_review_insert AFTER INSERT ON monthly_evaluations
  WHEN new.status IN ('filed', 'registered') AND new.review_score IS NOT NULL BEGIN
  UPDATE declarations SET latest_review_score =
      (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = declarations.id AND m.status IN ('filed', 'registered')
         AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
    WHERE id = new.declaration_id;
END;
CREATE TRIGGER monthly_latest_review_delete AFTER DELETE ON monthly_evaluations
  WHEN old.status IN ('filed', 'registered') AND old.review_score IS NOT NULL BEGIN
  UPDATE declarations SET latest_review_score =
      (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = declarations.id AND m.status IN ('filed', 'registered')
         AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
    WHERE id = old.declaration_id;
END;
-- A month that enters or leaves the filed and registered ones, or one of them whose score, period or
-- declaration changes (a review saved before the month is filed, or filed → registered, fires nothing).
CREATE TRIGGER monthly_latest_review_update AFTER UPDATE OF declaration_id, period, status, review_score ON monthly_evaluations
  WHEN (old.status IN ('filed', 'registered') AND old.review_score IS NOT NULL) <> (new.status IN ('filed', 'registered') AND new.review_score IS NOT NULL)
    OR (new.status IN ('filed', 'registered') AND new.review_score IS NOT NULL
        AND (old.declaration_id <> new.declaration_id OR old.period <> new.period OR old.review_score <> new.review_score)) BEGIN
  UPDATE declarations SET latest_review_score =
      (SELECT m.review_score FROM monthly_evaluations m WHERE m.declaration_id = declarations.id AND m.status IN ('filed', 'registered')
         AND m.review_score IS NOT NULL ORDER BY m.period DESC LIMIT 1)
    WHERE id IN (old.declaration_id, new.declaration_id);
END;
DROP INDEX declarations_authority_management;
CREATE INDEX declarations_authority_management ON declarations
    (authority_id, management_status, submitted_at, accepted_at, months_n, months_first, months_last, latest_review_score)
  WHERE submitted_at IS NOT NULL;
