-- Spot-check comparisons (抽查比对, SPEC §3.9): the authority's finding per clause of one submitted
-- monthly evaluation, saved repeatedly until finished. The agreement figures are stored with each save
-- (hundredths of a percent); on finishing, the clauses where a sheet and the authority disagree are
-- written out for the analytics (with the clause's text as it was).
CREATE TABLE spot_checks (
  id {{pk}},
  monthly_id BIGINT NOT NULL UNIQUE REFERENCES monthly_evaluations (id),
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished')),
  version BIGINT NOT NULL DEFAULT 1,
  findings TEXT NOT NULL,
  clauses INTEGER NOT NULL,
  self_agree INTEGER NOT NULL,
  review_agree INTEGER,
  self_rate BIGINT NOT NULL,
  review_rate BIGINT,
  inspector TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX spot_checks_of ON spot_checks (declaration_id, status);

CREATE TABLE spot_check_disputes (
  id {{pk}},
  spot_check_id BIGINT NOT NULL REFERENCES spot_checks (id),
  side TEXT NOT NULL CHECK (side IN ('self', 'review')),
  clause TEXT NOT NULL,
  clause_text TEXT NOT NULL
);
CREATE INDEX spot_check_disputes_of ON spot_check_disputes (spot_check_id, side);
