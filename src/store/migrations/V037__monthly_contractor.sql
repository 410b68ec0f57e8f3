-- A construction enterprise's months cost their page and its waiting months, not all its months
-- (issue 25): its month list sorted and counted every month of every declaration it holds (~1,400
-- for the largest enterprise at 20k projects, 5× that at 100k), and its inbox walked them all to find
-- its drafts. A month now carries its declaration's contractor, copied when the month is made (a
-- declaration's contractor never changes), as it carries its authority (V020): the list's default
-- order and the drafts are each one index read.
ALTER TABLE monthly_evaluations ADD COLUMN contractor_enterprise_id BIGINT NOT NULL DEFAULT 0;
UPDATE monthly_evaluations SET contractor_enterprise_id = (SELECT d.contractor_enterprise_id FROM declarations d WHERE d.id = monthly_evaluations.declaration_id);
CREATE INDEX monthly_contractor_period_desc ON monthly_evaluations (contractor_enterprise_id, period DESC, registration_no, id DESC, status);
CREATE INDEX monthly_contractor_status ON monthly_evaluations (contractor_enterprise_id, status, updated_at);
