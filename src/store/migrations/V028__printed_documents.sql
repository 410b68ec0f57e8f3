-- Every printout of a form (issue 26): its document number, the record and version it showed, when
-- and by whom it was printed, and the SHA-256 of the PDF. The QR code on the paper carries a random
-- 128-bit code that opens the public verification page; only its SHA-256 is kept here, so the table
-- cannot be read back into working links.
CREATE TABLE printed_documents (
  id {{pk}},
  code_hash TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  entity_version BIGINT NOT NULL,
  printed_at BIGINT NOT NULL,
  printed_by TEXT NOT NULL,
  sha256 TEXT
);
