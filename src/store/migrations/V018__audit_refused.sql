-- The sealer's refusals are kept (issue 25). A record whose MAC does not hold is never linked; until
-- now it stayed "not linked" and every pass of the sealer, every second, read it and checked its MAC
-- again, in a write transaction: a million refused records (a database copied without its secret
-- file) held SQLite's writer lock and used most of the CPU for as long as the server ran. Now the
-- sealer writes when it refused a record, and looks only at records neither linked nor refused.
-- qsm audit verify still checks every record, refused ones included.
ALTER TABLE audit_log ADD COLUMN refused_at BIGINT;
DROP INDEX audit_unlinked;
CREATE INDEX audit_unlinked ON audit_log (id) WHERE chain_seq IS NULL AND refused_at IS NULL;
