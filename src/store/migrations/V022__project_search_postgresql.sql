-- dialect: postgresql
-- 工程名称/报监编号 search through an index on PostgreSQL (issue 25), the counterpart of V021: the
-- lists' case-insensitive LIKE '%…%' on lower(registration_no) and lower(name) is served by trigram
-- GIN indexes (pg_trgm, shipped with PostgreSQL; a trusted extension, so the database's owner may
-- create it) instead of a scan of every project in the city.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX projects_registration_no_trgm ON projects USING gin (lower(registration_no) gin_trgm_ops);
CREATE INDEX projects_name_trgm ON projects USING gin (lower(name) gin_trgm_ops);
