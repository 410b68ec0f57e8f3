-- An authority's declaration list with a state filter, sorted by 报监编号 (issue 25): V019's
-- (authority, registration_no, status, …) index is walked in 编号 order and each entry's state
-- compared, so a state few declarations are in (submitted, reviewed, returned: ~240 of the largest
-- district's 18,991 at 100k projects) walks the whole district to fill a page, or to find that a deep
-- page is empty. Here the state comes before the number: the page is its own range of the index.
-- Partial and ending with submitted_at like V019's (SQLite reads a partial index's condition column
-- from the table unless the index holds it).
CREATE INDEX declarations_authority_status_registration
  ON declarations (authority_id, status, registration_no, id, submitted_at) WHERE submitted_at IS NOT NULL;
