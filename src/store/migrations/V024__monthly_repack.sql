-- dialect: sqlite
-- After V023, SQLite left each month's row where it was: one small row to a page, 225,000 pages for
-- 228,000 months at 20k projects. Written again in id order, they fill their pages (a few thousand):
-- a list page's twenty months are then a page or two instead of twenty. The rows leave and come back
-- with their ids within this one transaction; the references to them (deductions, sheets, photos,
-- spot-checks) are checked at its commit (defer_foreign_keys ends with the transaction).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE monthly_repack AS SELECT * FROM monthly_evaluations;
DELETE FROM monthly_evaluations;
INSERT INTO monthly_evaluations SELECT * FROM monthly_repack ORDER BY id;
DROP TABLE monthly_repack;
