-- Keyed audit chain (issue 21). V011's unkeyed SHA-256 chain could be recomputed by anyone who can
-- write the database, and its one head row made every writer wait for the one before. Now:
--   mac        HMAC over the record's id and fields, under a key derived from the server secret
--              (outside the database), written by the writer in its own transaction, no shared lock;
--   chain_seq  the record's place in the chain and
--   link       HMAC(previous link, chain_seq, mac), both given later by one sealer (qsm serve) in
--              the order records are sealed; a record without a valid MAC is never linked.
-- The head row keeps the sealer's position. legacy_max_id bounds the one-time seal of the records
-- written before this migration (they have no MAC): records above it are never given one.
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log ADD COLUMN mac TEXT;
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN link TEXT;
-- Several NULLs are allowed on both backends: records not yet linked.
CREATE UNIQUE INDEX audit_chain_seq ON audit_log (chain_seq);
-- What the sealer looks for every second: only the records not yet linked.
CREATE INDEX audit_unlinked ON audit_log (id) WHERE chain_seq IS NULL;
ALTER TABLE audit_chain DROP COLUMN last_id;
ALTER TABLE audit_chain DROP COLUMN last_hash;
ALTER TABLE audit_chain ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN last_link TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_chain ADD COLUMN legacy_max_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain ADD COLUMN legacy_sealed_at BIGINT;
UPDATE audit_chain SET legacy_max_id = (SELECT COALESCE(MAX(id), 0) FROM audit_log) WHERE id = 1;
