-- 企业办事员 (issue 27): a registry person of an enterprise whom its certificate holder lets act for it
-- on some projects (clerk_projects) and in some actions (codes, comma-separated: domain::ClerkAction).
-- A person is the clerk of one enterprise at most (a person belongs to one enterprise).
CREATE TABLE clerks (
  id {{pk}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  person_id BIGINT NOT NULL UNIQUE REFERENCES persons (id),
  actions TEXT NOT NULL,
  disabled BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX clerks_enterprise ON clerks (enterprise_id, id);
CREATE TABLE clerk_projects (
  clerk_id BIGINT NOT NULL REFERENCES clerks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  PRIMARY KEY (clerk_id, project_id)
);
-- A clerk's session: the enterprise's (enterprise_id) narrowed to the clerk.
ALTER TABLE sessions ADD COLUMN clerk_id BIGINT REFERENCES clerks (id);
