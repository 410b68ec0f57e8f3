-- The authority's quarter list read the way its month list is (V020, issue 25, session 31): its
-- quarters' ids from an index of their own in the order asked for, then the page's rows. It was the
-- last list of the authority that filtered with `($n = '' OR …)` and sorted every quarter of the
-- district for each page (9,135 of 闵行 at 20k projects: 13–25 ms a page on SQLite, 67–77 ms on
-- PostgreSQL). Each quarter carries its project's 报监编号 (unique and fixed, as the month's copy:
-- V020), which two orders sort on; the indexes hold the state and the quarter, which the filters test.
ALTER TABLE quarterly_registrations ADD COLUMN registration_no TEXT NOT NULL DEFAULT '';
UPDATE quarterly_registrations SET registration_no = (SELECT d.registration_no FROM declarations d WHERE d.id = quarterly_registrations.declaration_id);
CREATE INDEX quarterly_authority_quarter_desc ON quarterly_registrations (authority_id, quarter DESC, registration_no, id DESC, status);
CREATE INDEX quarterly_authority_quarter ON quarterly_registrations (authority_id, quarter, registration_no, id, status);
CREATE INDEX quarterly_authority_updated ON quarterly_registrations (authority_id, updated_at, id, status, quarter);
CREATE INDEX quarterly_authority_registration ON quarterly_registrations (authority_id, registration_no, quarter DESC, status, id);
CREATE INDEX quarterly_authority_state ON quarterly_registrations (authority_id, status, quarter DESC, id DESC);
-- With a search or a district the authority's quarters are those of its matching declarations: this
-- index (V009's, with the sort keys and, for PostgreSQL, the id) gives their ids and sort keys without
-- their rows.
DROP INDEX quarterly_declaration_status;
CREATE INDEX quarterly_declaration_status ON quarterly_registrations (declaration_id, status, updated_at, quarter, registration_no, id);
