-- The persons of an enterprise (申报's manager choices, GET /api/declarations/managers): without this
-- index every request read the whole persons table.
CREATE INDEX persons_enterprise ON persons (enterprise_id);
