-- Lists at city scale (issue 10): the authority's declaration list counts its rows and walks its
-- first page from an index alone, with or without a status filter (the scope's submitted_at test
-- is read from the index too).
DROP INDEX declarations_authority;
CREATE INDEX declarations_authority ON declarations (authority_id, status, updated_at, submitted_at);
CREATE INDEX declarations_authority_updated ON declarations (authority_id, updated_at, submitted_at);
-- The authority's inbox: its declarations' waiting quarters, one probe per declaration.
CREATE INDEX quarterly_declaration_status ON quarterly_registrations (declaration_id, status, updated_at);
