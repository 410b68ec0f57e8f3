// Account security (issue 21): a login's setup step, the session cap, second factors and recovery
// codes, the accounts list of the security administrator, and the filtered logs of the auditor.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/identity_store.hpp"

namespace qsm::store {

void set_session_setup(Connection& c, std::int64_t session_id, std::string_view setup);
// Ends the account's live sessions beyond its `keep` newest; returns how many ended.
std::int64_t cap_account_sessions(Connection& c, std::int64_t account_id, int keep);

// Second factor (secrets sealed by the service under a key derived from the server secret).
void set_totp_pending(Connection& c, std::int64_t account_id, const std::string& sealed);
// The pending secret becomes the factor, its first code's step the last one used.
void enable_totp(Connection& c, std::int64_t account_id, std::int64_t step, std::int64_t now_ms);
// Takes a step as used: false when this step (or a later one) was used already (a replayed code).
bool take_totp_step(Connection& c, std::int64_t account_id, std::int64_t step);
// Removes the factor, any pending enrolment and the recovery codes.
void remove_totp(Connection& c, std::int64_t account_id);

void replace_recovery_codes(Connection& c, std::int64_t account_id, const std::vector<std::string>& macs, std::int64_t now_ms);
// Marks the unused code with this MAC used; false when there is none.
bool use_recovery_code(Connection& c, std::int64_t account_id, std::string_view mac, std::int64_t now_ms);
std::int64_t recovery_codes_left(Connection& c, std::int64_t account_id);

struct AccountListRow {
  std::int64_t id = 0;
  std::string username, role, duty, display_name;
  std::optional<std::string> authority_code, authority_name;
  bool second_factor = false, must_change_password = false, disabled = false;
  std::int64_t password_changed_at = 0, live_sessions = 0, created_at = 0;
  std::int64_t last_login_at = 0;  // the newest session's start; 0 when it never logged in
};
// Every password account, with its live sessions (not revoked, seen after `live_after_ms`).
std::vector<AccountListRow> list_accounts(Connection& c, std::int64_t live_after_ms);
// 用户管理 (issue 27). A new account; nullopt when the username is taken.
std::optional<std::int64_t> insert_account(Connection& c, const NewAccount& a, std::int64_t now_ms);
void update_account(Connection& c, std::int64_t id, const std::string& display_name, std::optional<std::int64_t> authority_id);
void set_account_disabled(Connection& c, std::int64_t id, bool disabled);
// Enabled accounts of the system administrator's duty.
std::int64_t enabled_system_admins(Connection& c);

// 在线用户 (issue 27): live sessions (not revoked, seen after live_after_ms, begun after begun_after_ms).
struct LiveSession {
  std::int64_t id = 0, created_at = 0, last_seen_at = 0;
  std::string role, login_method, ip, who, organisation;
  std::optional<std::int64_t> account_id;
};
struct SessionFilter {
  std::int64_t live_after_ms = 0, begun_after_ms = 0;
  std::string q, role;  // q: a substring of who or organisation; role: the session's role
  std::optional<std::int64_t> id, account_id;
};
std::vector<LiveSession> find_live_sessions(Connection& c, const SessionFilter& f, int limit, int offset, std::int64_t& total);

// The lock of a login guard key, 0 when there is none.
std::int64_t login_locked_until(Connection& c, std::string_view key);

// The auditor's filters; empty fields filter nothing.
struct LogFilter {
  std::optional<bool> success;
  std::string who, entity, action;
  std::string ip, method;  // the login log's: an address's beginning ("10.1.", a whole address), a login method
  std::string district;    // the audit log's: records of declarations whose project is in this district
  std::optional<std::int64_t> from_ms, to_ms;  // [from, to)
};
struct LoginLogEntry {
  std::int64_t id, at;
  std::string method, who, ip;
  bool success;
  std::string reason;
};
std::vector<LoginLogEntry> find_login_log(Connection& c, const LogFilter& f, int limit, int offset, std::int64_t& total);
struct AuditLogEntry {
  std::int64_t id = 0, at = 0, entity_id = 0;
  std::string entity, action, actor_role, actor_name, organisation, ip;
  std::optional<std::string> from_state, to_state, opinion;
};
std::vector<AuditLogEntry> find_audit_log(Connection& c, const LogFilter& f, int limit, int offset, std::int64_t& total);

// The retention of the login log and of the login guards' rows: both deleted before `before_ms`.
// Audit records are never deleted. Returns the rows deleted.
std::int64_t prune_login_log(Connection& c, std::int64_t before_ms);
std::int64_t prune_login_guards(Connection& c, std::int64_t before_ms);

}  // namespace qsm::store
