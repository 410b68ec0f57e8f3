// Account security (issue 21, 等保 2.0 level 3 basics): a password login's second factor (TOTP,
// RFC 6238, or a one-time recovery code), enrolling one, and the security administrator's and the
// auditor's work. Every change is an audit record with the actor, address and time; every second
// factor attempt is a login-log row.
#pragma once
#include <string>
#include <vector>

#include "domain/problems.hpp"
#include "service/app.hpp"
#include "service/auth_service.hpp"
#include "store/account_store.hpp"
#include "store/registry_store.hpp"

namespace qsm::service {

inline constexpr int kRecoveryCodes = 10;

// The login's second factor: a 6-digit code (each accepted once) or an unused recovery code. Five
// wrong in a row lock the account for kLockout and end this session (423).
void verify_second_factor(app::App& app, const Session& s, const std::string& code, const std::string& recovery_code);

struct Enrolment {
  std::string secret_base32, otpauth_uri;
  std::vector<std::string> qr_rows;
};
// A new secret for the session's account, kept pending until a code of it is confirmed. Only while the
// account has no factor (a reset by the security administrator removes it).
Enrolment begin_enrolment(app::App& app, const Session& s);
// The pending secret becomes the factor; returns the recovery codes (shown once).
std::vector<std::string> confirm_enrolment(app::App& app, const Session& s, const std::string& code);

struct SecondFactorState {
  bool enrolled = false;
  std::int64_t recovery_codes_left = 0;
};
// The account as read: its recovery codes left are counted only when it has a factor.
SecondFactorState second_factor_state(app::App& app, const store::Account& account);

struct AccountView {
  store::AccountListRow row;
  std::string session_role;
  std::int64_t locked_until = 0;  // ms, 0 when not locked
};
std::vector<AccountView> list_accounts(app::App& app);
// The security administrator's: the password and second-factor locks end.
void unlock_account(app::App& app, const domain::Actor& actor, std::int64_t account_id);
// The security administrator's: the factor and its recovery codes are removed, the sessions end.
void reset_second_factor(app::App& app, const domain::Actor& actor, std::int64_t account_id);
// The security administrator's: every session of the account ends; returns how many.
std::int64_t end_account_sessions(app::App& app, const domain::Actor& actor, std::int64_t account_id);
// The system administrator's: a random temporary password (returned once) that must be changed at
// the next login; the sessions end.
std::string reset_password(app::App& app, const domain::Actor& actor, std::int64_t account_id);

// 用户管理 (issue 27, the system administrator's). The list: q (a substring of username, name or
// authority), role (the session role), status (enabled, disabled, locked); one page of it.
struct UserQuery {
  std::string q, role, status;
  int limit = 20, offset = 0;
};
struct UserPage {
  std::vector<AccountView> items;
  std::int64_t total = 0;
};
UserPage list_users(app::App& app, const UserQuery& query);
AccountView user_view(app::App& app, std::int64_t account_id);
// The authorities an authority account may belong to.
std::vector<store::AuthorityRow> authorities(app::App& app);
struct NewUser {
  std::string username, name;
  domain::Role role = domain::Role::authority;
  std::string authority_code, password;  // authority_code: the authority role only
};
// A new account that must change its password at its first login. 409 when the username is taken.
// `problems`: what the caller found already (answered together with the service's own).
AccountView create_user(app::App& app, const domain::Actor& actor, const NewUser& user, domain::Problems problems = {});
struct UserChange {
  std::optional<std::string> name, authority_code;
  std::optional<bool> disabled;
};
// Name, authority (an authority account's), disabled/enabled. Disabling ends the sessions; the answer
// comes once no server process can still take them (see forget_everywhere). Nobody disables himself or
// the last enabled system administrator.
AccountView update_user(app::App& app, const domain::Actor& actor, std::int64_t account_id, const UserChange& change);
// The administrator's chosen password (the policy's rules), changed at the next login; sessions end.
void set_user_password(app::App& app, const domain::Actor& actor, std::int64_t account_id, const std::string& password);
// Server processes keep a session for at most SessionCache::kTtl without reading it again: a change
// that ends sessions answers after that long, so that when its answer arrives every process refuses them.
void forget_everywhere(app::App& app);

// The auditor's reads, each itself an audit record ("audit_log"/"login_log", "read", the filter).
std::vector<store::LoginLogEntry> read_login_log(app::App& app, const domain::Actor& actor, const store::LogFilter& f, int limit, int offset,
                                                 std::int64_t& total);
std::vector<store::AuditLogEntry> read_audit_log(app::App& app, const domain::Actor& actor, const store::LogFilter& f, int limit, int offset,
                                                 std::int64_t& total);

// The retention policy, run once a day by the server: login-log rows and login-guard rows older than
// the policy's days are deleted. Audit records are never deleted by the application.
void prune_logs(app::App& app);

}  // namespace qsm::service
