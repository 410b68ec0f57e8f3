-- Each submitted 竣工复核 of a completion, one row per round (issue 26): a 不同意 round stays on show
-- after the contractor resubmits (the completion's own review columns are cleared for the next round).
-- Completions already reviewed bring their current round; earlier rounds of theirs are in the audit
-- trail only.
CREATE TABLE completion_reviews (
  id {{pk}},
  completion_id BIGINT NOT NULL REFERENCES completions (id),
  round INTEGER NOT NULL,
  agree INTEGER NOT NULL,
  opinion TEXT NOT NULL,
  reviewer TEXT,
  reviewed_at BIGINT,
  submitted_at BIGINT NOT NULL,
  UNIQUE (completion_id, round)
);
INSERT INTO completion_reviews (completion_id, round, agree, opinion, reviewer, reviewed_at, submitted_at)
  SELECT id, 1, review_agree, COALESCE(review_opinion, ''), reviewer, reviewed_at, COALESCE(reviewed_at, updated_at)
  FROM completions WHERE review_agree IS NOT NULL AND status <> 'pending_review';
