-- dialect: sqlite
-- An authority's search (issue 25) on SQLite, as V036 gives PostgreSQL: its declarations whose
-- 报监编号 or project name contains the text, at the cost of the district's matches. project_search
-- (V021) answers for the whole city: a common phrase matched ~10,000 projects at 100k projects
-- (2.8 ms a query) of which the district held ~600. Here each declaration's rowid is
-- authority_id · 2³² + id, so an authority's search is a rowid range of the index (0.25 ms).
-- The table keeps its own copy of the two columns: a rowid that is no column of declarations
-- cannot point at them.
CREATE VIRTUAL TABLE declaration_search USING fts5(registration_no, project_name, tokenize = 'trigram');
INSERT INTO declaration_search (rowid, registration_no, project_name)
  SELECT authority_id * 4294967296 + id, registration_no, project_name FROM declarations;
-- A declaration's entry follows its row. The insert reads the row back, as V035's trigger may set
-- project_name after it; either trigger may run first, and each leaves the row's current values.
CREATE TRIGGER declaration_search_insert AFTER INSERT ON declarations BEGIN
  DELETE FROM declaration_search WHERE rowid = new.authority_id * 4294967296 + new.id;
  INSERT INTO declaration_search (rowid, registration_no, project_name)
    SELECT authority_id * 4294967296 + id, registration_no, project_name FROM declarations WHERE id = new.id;
END;
CREATE TRIGGER declaration_search_update AFTER UPDATE OF registration_no, project_name, authority_id ON declarations BEGIN
  DELETE FROM declaration_search WHERE rowid = old.authority_id * 4294967296 + old.id;
  INSERT INTO declaration_search (rowid, registration_no, project_name)
    VALUES (new.authority_id * 4294967296 + new.id, new.registration_no, new.project_name);
END;
CREATE TRIGGER declaration_search_delete AFTER DELETE ON declarations BEGIN
  DELETE FROM declaration_search WHERE rowid = old.authority_id * 4294967296 + old.id;
END;
