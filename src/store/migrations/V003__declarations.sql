-- Declarations (申报, SPEC §3.1). One per project. The declaring and supervising enterprises are
-- kept on the row (as they were when declared), so lists filter by an index, not through contracts.
CREATE TABLE declarations (
  id {{pk}},
  project_id BIGINT NOT NULL UNIQUE REFERENCES projects (id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'reviewed', 'accepted')),
  management_status TEXT CHECK (management_status IN ('active', 'suspended', 'completed', 'terminated')),
  version BIGINT NOT NULL DEFAULT 1,
  contractor_enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  supervisor_enterprise_id BIGINT REFERENCES enterprises (id),
  authority_id BIGINT NOT NULL REFERENCES authorities (id),
  quality_target TEXT NOT NULL,
  planned_start TEXT NOT NULL,
  planned_finish TEXT NOT NULL,
  overview TEXT NOT NULL,
  contractor_manager_id BIGINT NOT NULL REFERENCES persons (id),
  supervision_manager_id BIGINT NOT NULL REFERENCES persons (id),
  returned_by_role TEXT,
  returned_by_name TEXT,
  returned_opinion TEXT,
  returned_at BIGINT,
  accept_opinion TEXT,
  accepted_at BIGINT,
  template_id BIGINT REFERENCES templates (id),
  created_at BIGINT NOT NULL,
  submitted_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX declarations_contractor ON declarations (contractor_enterprise_id, updated_at);
CREATE INDEX declarations_supervisor ON declarations (supervisor_enterprise_id, updated_at);
CREATE INDEX declarations_authority ON declarations (authority_id, status, updated_at);
CREATE INDEX declarations_status ON declarations (status, updated_at);
