-- Tamper-evident audit (issue 11): each record carries the hash of the record before it and its own
-- hash over its fields and that link, so an edited, removed or reordered record breaks the chain
-- from there on. The head row names the newest sealed record: removing the last records shows too,
-- and appends take the head row's lock, so the chain never forks. Records written before this
-- migration are sealed by the store when it next starts (store::seal_audit).
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash) VALUES (1, 0, '');
