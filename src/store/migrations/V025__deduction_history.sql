-- The deductions of a declaration's earlier months, counted per clause before a sheet is scored
-- (store::clause_history, on every sheet save), come from one index now: for each earlier month, the
-- entries of its latest sheet (review once saved, else self) in (declaration, period, sheet) order,
-- with the clause inside the index. Before, every deduction of the declaration was read from the table
-- (both sheets, ~130 rows at 20k projects), each joined to its month and that month's sheets.
-- The index on (declaration_id, period) it starts with is no longer needed.
CREATE INDEX monthly_deductions_history ON monthly_deductions (declaration_id, period, sheet, clause);
DROP INDEX monthly_deductions_declaration;
