-- Registry (from the neighbouring government systems), scoring templates and the audit log.
-- {{pk}} is the dialect's auto-increment primary key. Times are UTC milliseconds since the epoch.
CREATE TABLE authorities (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  district TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE enterprises (
  id {{pk}},
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('construction', 'supervision')),
  updated_at BIGINT NOT NULL
);

-- The ID-card number itself is never stored: a keyed HMAC-SHA-256 for matching, a masked form for display.
CREATE TABLE persons (
  id {{pk}},
  id_hash TEXT NOT NULL UNIQUE,
  id_masked TEXT NOT NULL,
  name TEXT NOT NULL,
  mobile TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  updated_at BIGINT NOT NULL
);
CREATE INDEX persons_name_mobile ON persons (name, mobile);

CREATE TABLE projects (
  id {{pk}},
  registration_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  district TEXT NOT NULL,
  authority_id BIGINT NOT NULL REFERENCES authorities (id),
  structure_type TEXT NOT NULL,
  floor_area_centi BIGINT NOT NULL,
  planned_start TEXT NOT NULL,
  planned_finish TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX projects_authority ON projects (authority_id, registration_no);
CREATE INDEX projects_district ON projects (district, registration_no);

CREATE TABLE contracts (
  id {{pk}},
  report_no TEXT NOT NULL UNIQUE,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  kind TEXT NOT NULL CHECK (kind IN ('general', 'supervision')),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  manager_person_id BIGINT NOT NULL REFERENCES persons (id),
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX contracts_project_kind ON contracts (project_id, kind);
CREATE INDEX contracts_enterprise ON contracts (enterprise_id, kind);
CREATE INDEX contracts_manager ON contracts (manager_person_id);

-- A template version is immutable once loaded; the highest id is the current template.
CREATE TABLE templates (
  id {{pk}},
  code TEXT NOT NULL,
  version BIGINT NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  loaded_at BIGINT NOT NULL,
  UNIQUE (code, version)
);

-- Every state change and administrative write, in the same transaction as the change itself.
CREATE TABLE audit_log (
  id {{pk}},
  at BIGINT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  declaration_id BIGINT,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  actor_role TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_ref TEXT,
  organisation TEXT,
  opinion TEXT,
  ip TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_declaration ON audit_log (declaration_id, id);
