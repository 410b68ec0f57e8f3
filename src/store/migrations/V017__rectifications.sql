-- Rectification orders (整改指令单, issue 24). An order belongs to an accepted declaration and carries
-- its authority's number, gapless per authority and calendar year: rectification_numbers holds the
-- last number given, raised in the issuing transaction (its row lock orders concurrent issuers), and
-- (authority_id, year, seq) is unique besides. Items are the problems; each round's reply, the
-- supervision office's confirmation and the re-check are kept per round (rectification_rounds) and per
-- item and round (rectification_replies), so the printed reply form and the page show every round.
CREATE TABLE rectification_numbers (
  authority_id BIGINT NOT NULL REFERENCES authorities (id),
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (authority_id, year)
);

CREATE TABLE rectifications (
  id {{pk}},
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  authority_id BIGINT NOT NULL REFERENCES authorities (id),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rectify', 'stop_work')),
  status TEXT NOT NULL CHECK (status IN ('issued', 'replied', 'confirmed', 'closed')),
  version BIGINT NOT NULL DEFAULT 1,
  round INTEGER NOT NULL DEFAULT 1,
  deadline TEXT NOT NULL,
  recheck_by TEXT NOT NULL,
  basis TEXT NOT NULL,
  source_monthly_id BIGINT REFERENCES monthly_evaluations (id),
  issued_by TEXT NOT NULL,
  issuer_name TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  ever_replied INTEGER NOT NULL DEFAULT 0,
  closed_at BIGINT,
  updated_at BIGINT NOT NULL,
  UNIQUE (authority_id, year, seq)
);
CREATE INDEX rectifications_of ON rectifications (declaration_id, status);
CREATE INDEX rectifications_authority ON rectifications (authority_id, status, deadline);
CREATE INDEX rectifications_status ON rectifications (status, deadline);

CREATE TABLE rectification_items (
  id {{pk}},
  rectification_id BIGINT NOT NULL REFERENCES rectifications (id),
  position INTEGER NOT NULL,
  clause TEXT,
  clause_text TEXT,
  problem TEXT NOT NULL,
  passed_round INTEGER
);
CREATE INDEX rectification_items_of ON rectification_items (rectification_id, position);

CREATE TABLE rectification_rounds (
  rectification_id BIGINT NOT NULL REFERENCES rectifications (id),
  round INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  replied_at BIGINT,
  replied_by TEXT,
  confirm_agree INTEGER,
  confirm_opinion TEXT,
  confirmed_by TEXT,
  confirmed_at BIGINT,
  rechecked_at BIGINT,
  rechecked_by TEXT,
  PRIMARY KEY (rectification_id, round)
);

CREATE TABLE rectification_replies (
  item_id BIGINT NOT NULL REFERENCES rectification_items (id),
  round INTEGER NOT NULL,
  measure TEXT NOT NULL,
  passed INTEGER,
  note TEXT,
  PRIMARY KEY (item_id, round)
);

-- Photos of an item: the authority's of the problem (side issue, also those taken over from a
-- spot-check finding) and the site's of its reply (side reply, per round). The images are the
-- photo_blobs of issue 23, shared by content.
CREATE TABLE rectification_photos (
  id {{pk}},
  rectification_id BIGINT NOT NULL REFERENCES rectifications (id),
  item_id BIGINT NOT NULL REFERENCES rectification_items (id),
  side TEXT NOT NULL CHECK (side IN ('issue', 'reply')),
  round INTEGER NOT NULL,
  display_sha256 TEXT NOT NULL REFERENCES photo_blobs (sha256),
  thumbnail_sha256 TEXT NOT NULL REFERENCES photo_blobs (sha256),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  original_sha256 TEXT NOT NULL,
  original_bytes BIGINT NOT NULL,
  original_format TEXT NOT NULL,
  taken_at TEXT,
  gps TEXT,
  uploaded_by TEXT NOT NULL,
  uploader_name TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX rectification_photos_of ON rectification_photos (rectification_id, item_id);
CREATE INDEX rectification_photos_display ON rectification_photos (display_sha256);
CREATE INDEX rectification_photos_thumbnail ON rectification_photos (thumbnail_sha256);

-- The reminder of an overdue order, once per order and day (issue 24), beside the months' reminders.
CREATE TABLE rectification_reminders (
  rectification_id BIGINT NOT NULL REFERENCES rectifications (id),
  day TEXT NOT NULL,
  recipient TEXT NOT NULL,
  mobile_masked TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (rectification_id, day)
);
