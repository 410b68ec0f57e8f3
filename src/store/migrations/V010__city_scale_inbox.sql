-- The authority's inbox at city scale (issue 10): its waiting quarters are counted and paged from
-- one index instead of one probe per declaration in its district. A declaration's authority never
-- changes once submitted, and a quarter exists only for an accepted declaration, so the copy is
-- written once when the quarter is created.
ALTER TABLE quarterly_registrations ADD COLUMN authority_id BIGINT REFERENCES authorities (id);
UPDATE quarterly_registrations SET authority_id = (SELECT d.authority_id FROM declarations d WHERE d.id = quarterly_registrations.declaration_id);
CREATE INDEX quarterly_authority_status ON quarterly_registrations (authority_id, status, updated_at);
-- The overdue months of a district (dashboard, 逾期 list) read each active declaration's months
-- (period and state) from an index alone.
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status);
