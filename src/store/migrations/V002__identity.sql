-- Identity: MIS accounts (authority, admin), server-side sessions, SMS one-time codes, the SMS
-- outbox gateway's messages, and the login log.
CREATE TABLE accounts (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('authority', 'admin')),
  authority_id BIGINT REFERENCES authorities (id),
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_count BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);

-- The token itself is never stored, only its SHA-256.
CREATE TABLE sessions (
  id {{pk}},
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  role TEXT NOT NULL,
  login_method TEXT NOT NULL,
  account_id BIGINT REFERENCES accounts (id),
  enterprise_id BIGINT REFERENCES enterprises (id),
  person_id BIGINT REFERENCES persons (id),
  contract_id BIGINT REFERENCES contracts (id),
  ip TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  revoked BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sms_codes (
  id {{pk}},
  person_id BIGINT NOT NULL REFERENCES persons (id),
  role TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  used BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sms_codes_person ON sms_codes (person_id, sent_at);

CREATE TABLE sms_outbox (
  id {{pk}},
  created_at BIGINT NOT NULL,
  mobile TEXT NOT NULL,
  text TEXT NOT NULL,
  purpose TEXT NOT NULL
);

CREATE TABLE login_log (
  id {{pk}},
  at BIGINT NOT NULL,
  method TEXT NOT NULL,
  who TEXT NOT NULL,
  ip TEXT,
  success BIGINT NOT NULL,
  reason TEXT
);
CREATE INDEX login_log_at ON login_log (at);
