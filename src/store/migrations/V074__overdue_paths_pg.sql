-- dialect: postgresql
-- V073 on PostgreSQL: the same three paths, the extra columns INCLUDEd.
DROP INDEX declarations_authority_management;
CREATE INDEX declarations_authority_management ON declarations (authority_id, management_status, submitted_at)
  INCLUDE (accepted_at, months_n, months_first, months_last, id) WHERE submitted_at IS NOT NULL;
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at) INCLUDE (id, submitted_at, review_score);
CREATE INDEX monthly_may_be_late ON monthly_evaluations (declaration_id, period, status) INCLUDE (id, submitted_at) WHERE status IN ('draft', 'submitted', 'reviewed');
