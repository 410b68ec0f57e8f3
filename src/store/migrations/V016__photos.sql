-- Photo evidence (拍照取证, issue 23). The images live in the database, so that backups, qsm copy,
-- durability and scale-out cover them with no second system. photo_blobs holds each served image (a
-- display version or a thumbnail, JPEG) once, keyed by the SHA-256 of its bytes; photos says what
-- each photo documents: a clause of a month's self or review sheet, or of its spot-check.
CREATE TABLE photo_blobs (
  sha256 TEXT PRIMARY KEY,
  data {{blob}} NOT NULL,
  bytes BIGINT NOT NULL
);

CREATE TABLE photos (
  id {{pk}},
  monthly_id BIGINT NOT NULL REFERENCES monthly_evaluations (id),
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  target TEXT NOT NULL CHECK (target IN ('self', 'review', 'spot_check')),
  clause TEXT NOT NULL,
  display_sha256 TEXT NOT NULL REFERENCES photo_blobs (sha256),
  thumbnail_sha256 TEXT NOT NULL REFERENCES photo_blobs (sha256),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  -- What was uploaded: its checksum, size and decoded format, and what its EXIF said (kept here as
  -- metadata; stripped from what is served).
  original_sha256 TEXT NOT NULL,
  original_bytes BIGINT NOT NULL,
  original_format TEXT NOT NULL,
  taken_at TEXT,
  gps TEXT,
  uploaded_by TEXT NOT NULL,
  uploader_name TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX photos_of ON photos (monthly_id, target, clause);
CREATE INDEX photos_display ON photos (display_sha256);
CREATE INDEX photos_thumbnail ON photos (thumbnail_sha256);
