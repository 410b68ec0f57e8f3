-- Account security (issue 21, 等保 2.0 level 3 basics) for the password accounts:
--   duty                  an administrator's duty (三权分立): system 系统管理员, security 安全管理员,
--                         audit 审计管理员; 'system' for authority accounts (unused there);
--   must_change_password  an initial or reset password, to be changed at the next login;
--   totp_secret           the TOTP key, sealed with a key derived from the server secret (outside
--                         the database), so a database reader cannot make codes; NULL: no factor;
--   totp_pending          an enrolment not confirmed yet (sealed the same way);
--   totp_last_step        the last accepted 30-second step: a code is accepted once.
ALTER TABLE accounts ADD COLUMN duty TEXT NOT NULL DEFAULT 'system' CHECK (duty IN ('system', 'security', 'audit'));
ALTER TABLE accounts ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_pending TEXT;
ALTER TABLE accounts ADD COLUMN totp_enabled_at BIGINT;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- One-time recovery codes, by their HMAC under the server secret.
CREATE TABLE recovery_codes (
  id {{pk}},
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  code_mac TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

-- What a password login still has to do before its session is whole (second_factor,
-- change_password, enrol_second_factor); '' when whole.
ALTER TABLE sessions ADD COLUMN setup TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_account ON sessions (account_id, id);
