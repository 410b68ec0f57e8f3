-- The authority's month list walks its months in the order asked for when a search matches most of
-- them, leaving out the other projects' months by their 报监编号 (issue 25; monthly_store.cpp
-- kScopeAuthorityWalk). Every other order's index (V020) holds the 报监编号; the -updated_at order's now
-- does too, so that the walk reads index entries only.
DROP INDEX monthly_authority_updated;
CREATE INDEX monthly_authority_updated ON monthly_evaluations (authority_id, updated_at, id, status, period, registration_no) WHERE status <> 'draft';
