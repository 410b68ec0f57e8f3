-- dialect: postgresql
-- V070 on PostgreSQL: the month's submission time in the index by declaration, beside its id (V064).
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at) INCLUDE (id, submitted_at);
