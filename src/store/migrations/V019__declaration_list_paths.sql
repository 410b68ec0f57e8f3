-- A declaration list page costs its page, not its district (issue 25). Every sort of the list is an
-- index that starts with the scope, so a page is read in index order and its OFFSET walks index
-- entries only: no join to projects for the order, no sort of the district.
--   registration_no  copied from the project when the declaration is made (a project's 报监编号 is
--                    its registry key and never changes), so that the 编号 sorts need no join
-- The authority's (and, after submission, the supervisor's) indexes are partial: only submitted
-- declarations are in its scope, and every query of that scope says `submitted_at IS NOT NULL`. Each
-- ends with submitted_at all the same: SQLite (3.40) reads a partial index's own condition column from
-- the table unless the index holds it, and then the OFFSET walk is no longer index-only.
ALTER TABLE declarations ADD COLUMN registration_no TEXT NOT NULL DEFAULT '';
UPDATE declarations SET registration_no = (SELECT p.registration_no FROM projects p WHERE p.id = declarations.project_id);
DROP INDEX declarations_authority;
DROP INDEX declarations_authority_updated;
CREATE INDEX declarations_authority_updated ON declarations (authority_id, updated_at, id, submitted_at) WHERE submitted_at IS NOT NULL;
-- status DESC: read backwards it is the `status` sort (status, then newest first); with a status
-- filter, either direction of updated_at.
CREATE INDEX declarations_authority_status ON declarations (authority_id, status DESC, updated_at, id, submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX declarations_authority_registration ON declarations (authority_id, registration_no, status, id, submitted_at) WHERE submitted_at IS NOT NULL;
