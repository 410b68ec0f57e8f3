-- The authority's quarter list with a search that matches most of its quarters walks the order's index
-- past the other projects' quarters by their 报监编号 (as the month list: V063, quarterly_store.cpp
-- kScopeAuthorityWalk). Two of V067's indexes lacked it: the -updated_at order's and the state's.
DROP INDEX quarterly_authority_updated;
CREATE INDEX quarterly_authority_updated ON quarterly_registrations (authority_id, updated_at, id, status, quarter, registration_no);
DROP INDEX quarterly_authority_state;
CREATE INDEX quarterly_authority_state ON quarterly_registrations (authority_id, status, quarter DESC, id DESC, registration_no);
