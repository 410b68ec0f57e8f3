-- Quarterly registrations (季度评价监督信息登记, SPEC §3.5) and completion evaluations (竣工评价, §3.6).
-- A quarter's record exists from the first filed month of the quarter; each registration is kept in
-- the history table (a supplementary registration adds a row, the earlier ones stay). Scores are
-- hundredths of a point.
CREATE TABLE quarterly_registrations (
  id {{pk}},
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  quarter TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'registered')),
  version BIGINT NOT NULL DEFAULT 1,
  score BIGINT,
  month_count INTEGER NOT NULL DEFAULT 0,
  registration_count INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  registered_at BIGINT,
  UNIQUE (declaration_id, quarter)
);
CREATE INDEX quarterly_status ON quarterly_registrations (status, quarter);

CREATE TABLE quarterly_registration_history (
  id {{pk}},
  quarterly_id BIGINT NOT NULL REFERENCES quarterly_registrations (id),
  inspection_date TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  opinion TEXT NOT NULL,
  conclusion TEXT NOT NULL CHECK (conclusion IN ('excellent', 'qualified', 'unqualified')),
  score BIGINT NOT NULL,
  periods TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  registered_at BIGINT NOT NULL
);
CREATE INDEX quarterly_history_of ON quarterly_registration_history (quarterly_id);

-- One completion evaluation per declaration: a rejected one is edited and resubmitted, a registered
-- one ends quality-standardization management.
CREATE TABLE completions (
  id {{pk}},
  declaration_id BIGINT NOT NULL UNIQUE REFERENCES declarations (id),
  status TEXT NOT NULL CHECK (status IN ('pending_review', 'rejected', 'pending_registration', 'registered')),
  version BIGINT NOT NULL DEFAULT 1,
  completion_date TEXT NOT NULL,
  acceptance_info TEXT NOT NULL,
  self_assessment TEXT NOT NULL,
  score BIGINT,
  review_agree INTEGER,
  review_opinion TEXT,
  reviewer TEXT,
  reviewed_at BIGINT,
  register_opinion TEXT,
  conclusion TEXT CHECK (conclusion IN ('excellent', 'qualified', 'unqualified')),
  registered_by TEXT,
  registered_at BIGINT,
  applied_at BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX completions_status ON completions (status, updated_at);
