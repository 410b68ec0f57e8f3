-- Rate limits per client address (issue 11): failed password logins and SMS code requests, counted
-- in fixed windows in the database so that every server process shares them (issue 12).
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL
);
