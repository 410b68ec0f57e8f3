-- The authority's monthly list costs its page, not its district (issue 25): 0.06–1.2 s a page at 20k
-- projects, because its scope and sorts lived on declarations and projects, so every page joined
-- and sorted the district's ~22,000 months. Now a month carries what the list needs of its
-- declaration, copied when the month is made (neither changes: a declaration's authority and its
-- project's 报监编号 are fixed), and every sort of the authority's list is one index read in order:
-- a page, its OFFSET and its COUNT walk index entries only. The authority never sees drafts, so the
-- indexes leave them out; each holds status (and the filters' columns) so that no row is read.
ALTER TABLE monthly_evaluations ADD COLUMN authority_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE monthly_evaluations ADD COLUMN registration_no TEXT NOT NULL DEFAULT '';
UPDATE monthly_evaluations SET authority_id = (SELECT d.authority_id FROM declarations d WHERE d.id = monthly_evaluations.declaration_id),
  registration_no = (SELECT d.registration_no FROM declarations d WHERE d.id = monthly_evaluations.declaration_id);
-- -period (the default), period, -updated_at, registration_no and status (which is also the status
-- filter under the default order).
CREATE INDEX monthly_authority_period_desc ON monthly_evaluations (authority_id, period DESC, registration_no, id DESC, status) WHERE status <> 'draft';
CREATE INDEX monthly_authority_period ON monthly_evaluations (authority_id, period, registration_no, id, status) WHERE status <> 'draft';
CREATE INDEX monthly_authority_updated ON monthly_evaluations (authority_id, updated_at, id, status, period) WHERE status <> 'draft';
CREATE INDEX monthly_authority_registration ON monthly_evaluations (authority_id, registration_no, period DESC, status, id) WHERE status <> 'draft';
CREATE INDEX monthly_authority_status ON monthly_evaluations (authority_id, status, period DESC, registration_no, id DESC) WHERE status <> 'draft';
-- A search (q) or district filter picks the matching declarations first, then their months by this
-- index, which now also holds what the sorts need.
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at);
