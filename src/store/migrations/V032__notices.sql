-- 通知公告 (issue 27): notices to some roles (role codes, comma-separated; empty: all) in some districts
-- (empty: all), valid from a time until another or until withdrawn; and who has read which.
CREATE TABLE notices (
  id {{pk}},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  roles TEXT NOT NULL,
  districts TEXT NOT NULL,
  valid_from BIGINT NOT NULL,
  valid_until BIGINT,
  publisher_ref TEXT NOT NULL,
  publisher_name TEXT NOT NULL,
  publisher_org TEXT NOT NULL,
  authority_id BIGINT REFERENCES authorities (id),
  published_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  withdrawn_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX notices_valid ON notices (valid_from, id);
CREATE TABLE notice_reads (
  notice_id BIGINT NOT NULL REFERENCES notices (id),
  reader TEXT NOT NULL,
  read_at BIGINT NOT NULL,
  PRIMARY KEY (notice_id, reader)
);
