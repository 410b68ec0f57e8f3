-- Monthly evaluations (月度评价, SPEC §3.3/§3.4). One per declaration and month: the unique key is
-- what makes two racing creations end with one row. Each sheet keeps its input and its computed
-- result as JSON (the result of a submitted sheet is frozen); scores are hundredths of a point.
CREATE TABLE monthly_evaluations (
  id {{pk}},
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'filed', 'registered')),
  version BIGINT NOT NULL DEFAULT 1,
  template_id BIGINT NOT NULL REFERENCES templates (id),
  self_sheet TEXT NOT NULL,
  self_result TEXT NOT NULL,
  self_score BIGINT NOT NULL,
  review_sheet TEXT,
  review_result TEXT,
  review_score BIGINT,
  created_at BIGINT NOT NULL,
  submitted_at BIGINT,
  reviewed_at BIGINT,
  filed_at BIGINT,
  updated_at BIGINT NOT NULL,
  UNIQUE (declaration_id, period)
);
CREATE INDEX monthly_status ON monthly_evaluations (status, period);

-- Every deduction of every sheet, as computed at its last save (frozen once the sheet is submitted):
-- the history (历史扣分记录) and the count n of earlier months' deductions of a clause.
CREATE TABLE monthly_deductions (
  id {{pk}},
  monthly_id BIGINT NOT NULL REFERENCES monthly_evaluations (id),
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  period TEXT NOT NULL,
  sheet TEXT NOT NULL CHECK (sheet IN ('self', 'review')),
  check_item TEXT NOT NULL,
  sub_item TEXT NOT NULL,
  clause TEXT NOT NULL,
  problem TEXT NOT NULL,
  n INTEGER NOT NULL,
  points_milli BIGINT NOT NULL
);
CREATE INDEX monthly_deductions_declaration ON monthly_deductions (declaration_id, period);
CREATE INDEX monthly_deductions_monthly ON monthly_deductions (monthly_id, sheet);
