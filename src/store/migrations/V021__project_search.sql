-- dialect: sqlite
-- 工程名称/报监编号 search through an index (issue 25): a `q` of three characters or more finds its
-- projects in an FTS5 trigram index instead of running LIKE '%…%' over every project in scope (the
-- lists' searches were most of the list time under the realistic mix). Shorter text still uses LIKE.
-- An external-content index over projects, kept by triggers; SQLite only (on PostgreSQL the scan
-- stays, see docs/decisions.md "Project search").
CREATE VIRTUAL TABLE project_search USING fts5(registration_no, name, content = 'projects', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO project_search (project_search) VALUES ('rebuild');
CREATE TRIGGER project_search_insert AFTER INSERT ON projects BEGIN
  INSERT INTO project_search (rowid, registration_no, name) VALUES (new.id, new.registration_no, new.name);
END;
CREATE TRIGGER project_search_delete AFTER DELETE ON projects BEGIN
  INSERT INTO project_search (project_search, rowid, registration_no, name) VALUES ('delete', old.id, old.registration_no, old.name);
END;
CREATE TRIGGER project_search_update AFTER UPDATE OF registration_no, name ON projects BEGIN
  INSERT INTO project_search (project_search, rowid, registration_no, name) VALUES ('delete', old.id, old.registration_no, old.name);
  INSERT INTO project_search (rowid, registration_no, name) VALUES (new.id, new.registration_no, new.name);
END;
