-- dialect: postgresql
-- An authority's month list with a search that matches few declarations reads their months from this
-- index and sorts them for the page (issue 25, session 30). SQLite's index entries carry the month's
-- rowid; PostgreSQL's do not, so the page's ids came from the table, and the generic plan preferred a
-- sequential scan of every month (226,604 at 20k projects: 50–105 ms). With the id in the index the
-- page reads index entries only.
DROP INDEX monthly_declaration_status;
CREATE INDEX monthly_declaration_status ON monthly_evaluations (declaration_id, period, status, registration_no, updated_at) INCLUDE (id);
