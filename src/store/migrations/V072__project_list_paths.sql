-- The authority's project list by name and by planned start (issue 25): its range of each index in the
-- order asked for, as projects_authority serves the 报监编号 order; before, every page read the city's
-- projects.
CREATE INDEX projects_authority_name ON projects (authority_id, name, id);
CREATE INDEX projects_authority_start ON projects (authority_id, planned_start, id);
