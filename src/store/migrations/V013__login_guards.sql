-- Password-login failures per username (issue 21), kept apart from the accounts: a row exists for
-- every name that was tried, known or not, keyed by the name's HMAC, so an unknown name counts,
-- locks and answers exactly as an account does (no account enumeration). The count is taken
-- atomically before the password is verified: at most five verifications per lock window, however
-- many requests arrive at once.
CREATE TABLE login_guards (
  key TEXT PRIMARY KEY,
  failed_count BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX login_guards_updated ON login_guards (updated_at);
ALTER TABLE accounts DROP COLUMN failed_count;
ALTER TABLE accounts DROP COLUMN locked_until;
