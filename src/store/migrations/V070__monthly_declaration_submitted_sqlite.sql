-- dialect: sqlite
-- The overdue months (逾期, also on every dashboard) read every month of the scope's active declarations
-- with its state and its submission time. V004's index by declaration (V064 on PostgreSQL) holds all but
-- the submission time, so each of 闵行's 21,924 months was read from its row: 13 ms of the statement's,
-- 3 ms from the index alone (issue 25, session 31). (V071 does the same on PostgreSQL.)
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at, submitted_at);
