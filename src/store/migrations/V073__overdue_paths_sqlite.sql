-- dialect: sqlite
-- The overdue months and the dashboard from indexes alone (issue 25, session 32). (V074 on PostgreSQL.)
-- Each active declaration's acceptance and its months' count, first and last (V061) in the authority's
-- index of management states (V069): the overdue months' first statement read every active row of the
-- district (about 6 kB each at 20k projects).
DROP INDEX declarations_authority_management;
CREATE INDEX declarations_authority_management ON declarations (authority_id, management_status, submitted_at, accepted_at, months_n, months_first, months_last)
  WHERE submitted_at IS NOT NULL;
-- Each month's review score in the index by declaration (V070): the dashboard's latest reviewed score of
-- each active project read one month row each.
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at, submitted_at, review_score);
-- The months that can be late (domain::overdue::kMayBeLate, in its order: task_store.cpp pending_only
-- writes the same list), by declaration: a few of each declaration's months, instead of all of them.
CREATE INDEX monthly_may_be_late ON monthly_evaluations (declaration_id, period, status, submitted_at) WHERE status IN ('draft', 'submitted', 'reviewed');
