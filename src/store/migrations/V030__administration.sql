-- The administration console (issue 27).
-- 用户管理: an account the system administrator disabled cannot log in, and its sessions end.
ALTER TABLE accounts ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0;
-- 参数设置: one row per setting, its value as text (domain::tunable_text). `version` grows with every
-- change, so a server process sees another's change by the sum of the versions (every few seconds).
CREATE TABLE platform_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
