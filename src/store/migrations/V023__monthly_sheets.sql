-- A month's two sheets move out of its row (issue 25). Each sheet's input and computed result are JSON
-- of a few kilobytes, so on SQLite every month row spilled into overflow pages (1.27 GB for 228,000
-- months at 20k projects, ~5.5 KB a row) and every list page, inbox and history that read a month's
-- dates, scores or whether it had a review sheet walked those pages. Now a month row holds its state
-- and figures only; its sheets are rows of monthly_sheets, read where a sheet is shown or scored.
CREATE TABLE monthly_sheets (
  monthly_id BIGINT NOT NULL REFERENCES monthly_evaluations (id),
  sheet TEXT NOT NULL CHECK (sheet IN ('self', 'review')),
  input TEXT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (monthly_id, sheet)
);
INSERT INTO monthly_sheets (monthly_id, sheet, input, result)
  SELECT id, 'self', self_sheet, self_result FROM monthly_evaluations;
INSERT INTO monthly_sheets (monthly_id, sheet, input, result)
  SELECT id, 'review', review_sheet, review_result FROM monthly_evaluations WHERE review_sheet IS NOT NULL;
ALTER TABLE monthly_evaluations DROP COLUMN self_sheet;
ALTER TABLE monthly_evaluations DROP COLUMN self_result;
ALTER TABLE monthly_evaluations DROP COLUMN review_sheet;
ALTER TABLE monthly_evaluations DROP COLUMN review_result;
