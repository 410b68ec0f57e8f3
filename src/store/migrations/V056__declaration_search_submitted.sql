-- dialect: sqlite
-- V038's search index holds only the declarations an authority sees: the submitted ones (issue 25).
-- An authority's search total then counts its rowid range of the index's matches and nothing else:
-- with drafts in the index it read every match's declaration to leave the drafts out, or walked the
-- district's entries of an index of declarations against the matches, 214 pages from the empty page
-- cache for the largest district at 100k projects against 27.6 for the index alone (30 searches of
-- four characters of a project's name, bench/mix/pages.py's way; 58.9 and 20.9 at 20k). Only an
-- authority's search reads this index (kAuthoritySearch); anyone else's reads V021's.
-- A declaration is never unsubmitted (its submitted_at is set once and kept through 退回), but the
-- entry follows submitted_at either way.
DROP TRIGGER declaration_search_insert;
DROP TRIGGER declaration_search_update;
DELETE FROM declaration_search WHERE rowid IN (SELECT authority_id * 4294967296 + id FROM declarations WHERE submitted_at IS NULL);
-- The insert reads the row back, as V035's trigger may set project_name after it (V038).
CREATE TRIGGER declaration_search_insert AFTER INSERT ON declarations WHEN new.submitted_at IS NOT NULL BEGIN
  DELETE FROM declaration_search WHERE rowid = new.authority_id * 4294967296 + new.id;
  INSERT INTO declaration_search (rowid, registration_no, project_name)
    SELECT authority_id * 4294967296 + id, registration_no, project_name FROM declarations WHERE id = new.id AND submitted_at IS NOT NULL;
END;
-- Every change of state sets submitted_at (to itself, mostly): only a change of what the entry holds
-- or of whether there is one writes the index.
CREATE TRIGGER declaration_search_update AFTER UPDATE OF registration_no, project_name, authority_id, submitted_at ON declarations
  WHEN old.registration_no IS NOT new.registration_no OR old.project_name IS NOT new.project_name
    OR old.authority_id IS NOT new.authority_id OR (old.submitted_at IS NULL) <> (new.submitted_at IS NULL) BEGIN
  DELETE FROM declaration_search WHERE rowid = old.authority_id * 4294967296 + old.id;
  INSERT INTO declaration_search (rowid, registration_no, project_name)
    SELECT new.authority_id * 4294967296 + new.id, new.registration_no, new.project_name WHERE new.submitted_at IS NOT NULL;
END;
