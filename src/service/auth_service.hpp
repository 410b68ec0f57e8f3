// Logins and sessions: password (authority, admin), session lookup with idle/absolute timeouts, logout.
#pragma once
#include <optional>
#include <string>

#include "service/app.hpp"
#include "domain/account_policy.hpp"
#include "domain/actor.hpp"
#include "store/identity_store.hpp"

namespace qsm::service {

// The idle and absolute session timeouts are settings (参数设置: app.tuned()).
inline constexpr int kMaxPasswordFailures = 5;
inline constexpr auto kLockout = std::chrono::minutes(15);

struct Login {
  std::string token, csrf_token;
};

struct Session {
  std::int64_t id = 0;
  std::string csrf_token, login_method;
  domain::Actor actor;
  bool contract_pending = false;  // a site user who has not picked a contract yet
  domain::Setup setup = domain::Setup::none;  // what a password login must still do (issue 21)
};

// Limits per client address, kept in the database so that every server process shares them: failed
// password logins (guessing across many accounts from one address) and SMS code requests (texting
// strangers, probing who is a project manager). Generous for an office behind one address.
inline constexpr int kPasswordFailuresPerAddress = 50;
inline constexpr auto kPasswordFailureWindow = std::chrono::minutes(10);
inline constexpr int kSmsCodesPerAddress = 30;
inline constexpr auto kSmsCodeWindow = std::chrono::hours(1);
// SMS logins refused per address, and attempts per name (slowing the guessing of one person's ID
// number; a right code still logs its owner in).
inline constexpr int kSmsLoginFailuresPerAddress = 50;
inline constexpr auto kSmsLoginFailureWindow = std::chrono::minutes(10);
inline constexpr int kSmsLoginFailuresPerName = 20;
// A hit on the per-address counter `kind` (the address by net::rate_limit_address), taken in one
// statement: Failure(rate_limited, retry_after) when it is over `limit` in the window, so however
// many requests arrive at once no more than `limit` pass. give_back returns the hit (a success that
// is not to count).
struct AddressSlot {
  std::string key;
  std::int64_t window_started_at = 0;
};
AddressSlot take_address_slot(store::Connection& c, std::string_view kind, const std::string& ip, int limit,
                              std::chrono::milliseconds window, std::int64_t now_ms, std::string_view what);
void give_back(store::Connection& c, const AddressSlot& slot);

// One password check under the username's lockout (login_guards): the attempt is counted first,
// then the password verified against `password_hash`, or against a dummy hash when there is no such
// account (the same work and the same answers either way).
struct PasswordCheck {
  enum class Outcome { right, wrong, now_locked, locked } outcome;
  int tries_left = 0;            // wrong: before the lock
  std::int64_t locked_until = 0;  // locked, now_locked: ms
};
// The login_guards key of a username (its HMAC: a name typed by mistake, even a password, is never stored).
std::string guard_key(const app::App& app, std::string_view username);
// 423 locked with retry_after.
Failure locked_failure(std::int64_t locked_until, std::int64_t now_ms);

PasswordCheck check_password(app::App& app, std::string_view username, const std::string& password,
                             const std::optional<std::string>& password_hash);

Login login_password(app::App& app, const std::string& username, const std::string& password, const std::string& ip);
// Writes the last-seen times authenticate() left waiting (app.touches, when deferred) in one write
// transaction; `qsm serve` calls it every second and once more when it stops.
void flush_session_touches(app::App& app);
// The live session of a token, or nullopt (unknown, revoked, idle or absolute timeout).
std::optional<Session> authenticate(app::App& app, const std::string& token, const std::string& ip);
// The same from the session cache alone, never touching the database: nullopt when the session is
// not cached or is due a refresh (then authenticate decides).
std::optional<Session> authenticate_cached(app::App& app, const std::string& token);
void logout(app::App& app, const Session& s);
void change_password(app::App& app, const Session& s, const std::string& old_password, const std::string& new_password);
// qsm user add: creates or resets an authority or administrator account (admin, security_admin,
// auditor). The password is an initial one, changed at the first login, unless `initial` is false
// (the demo's and the benchmark's accounts). Audited.
void add_user(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
              const std::string& display_name, const std::string& password, bool initial = true);
// The same with the password's argon2id hash already made (many benchmark accounts of one password);
// returns the account's id.
std::int64_t add_user_hashed(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
                             const std::string& display_name, const std::string& password_hash, bool initial);
// The role a password account's session acts in: the authority, or an administrator by its duty.
std::string session_role(std::string_view role, std::string_view duty);  // accounts.role, accounts.duty
std::string session_role(const store::Account& account);
// The account's security state as the setup steps see it.
domain::AccountSecurity security_of(const store::Account& account);
// The demo and benchmark data's account of an authority: "jdz_" and its code in lower case.
std::string authority_username(std::string_view authority_code);
// An authority's account as the actor of writes made without a session (demo and benchmark data).
domain::Actor authority_actor(const store::Account& account);

// Starts a session for an already-verified identity (shared by every login method). An account keeps
// at most the policy's number of sessions: the oldest beyond it end.
Login start_session(app::App& app, const std::string& role, const std::string& method, const std::string& ip,
                    std::optional<std::int64_t> account_id, std::optional<std::int64_t> enterprise_id,
                    std::optional<std::int64_t> person_id, domain::Setup setup = domain::Setup::none,
                    std::optional<std::int64_t> clerk_id = std::nullopt);
// The session's setup moves on to `next` (this process forgets its cached row at once; a session with
// a setup step is never cached, so other processes see it at once too).
void advance_setup(app::App& app, const Session& s, domain::Setup next);

}  // namespace qsm::service
