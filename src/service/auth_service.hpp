// Logins and sessions: password (authority, admin), session lookup with idle/absolute timeouts, logout.
#pragma once
#include <optional>
#include <string>

#include "app/app.hpp"
#include "domain/actor.hpp"
#include "store/identity_store.hpp"

namespace qsm::service {

inline constexpr auto kIdleTimeout = std::chrono::minutes(30);
inline constexpr auto kAbsoluteTimeout = std::chrono::hours(12);
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
};

// Limits per client address, kept in the database so that every server process shares them: failed
// password logins (guessing across many accounts from one address) and SMS code requests (texting
// strangers, probing who is a project manager). Generous for an office behind one address.
inline constexpr int kPasswordFailuresPerAddress = 50;
inline constexpr auto kPasswordFailureWindow = std::chrono::minutes(10);
inline constexpr int kSmsCodesPerAddress = 30;
inline constexpr auto kSmsCodeWindow = std::chrono::hours(1);
// Failure(rate_limited, retry_after) when `key` already has `limit` hits in the current window.
void refuse_over_limit(store::Connection& c, std::string_view key, int limit, std::chrono::milliseconds window, std::int64_t now_ms,
                       std::string_view what);

Login login_password(app::App& app, const std::string& username, const std::string& password, const std::string& ip);
// The live session of a token, or nullopt (unknown, revoked, idle or absolute timeout).
std::optional<Session> authenticate(app::App& app, const std::string& token, const std::string& ip);
// The same from the session cache alone, never touching the database: nullopt when the session is
// not cached or is due a refresh (then authenticate decides).
std::optional<Session> authenticate_cached(app::App& app, const std::string& token);
void logout(app::App& app, const Session& s);
void change_password(app::App& app, const Session& s, const std::string& old_password, const std::string& new_password);
// qsm user add: creates or resets an authority or admin account.
void add_user(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
              const std::string& display_name, const std::string& password);
// The demo and benchmark data's account of an authority: "jdz_" and its code in lower case.
std::string authority_username(std::string_view authority_code);
// An authority's account as the actor of writes made without a session (demo and benchmark data).
domain::Actor authority_actor(const store::Account& account);

// Starts a session for an already-verified identity (shared by every login method).
Login start_session(app::App& app, const std::string& role, const std::string& method, const std::string& ip,
                    std::optional<std::int64_t> account_id, std::optional<std::int64_t> enterprise_id,
                    std::optional<std::int64_t> person_id);

}  // namespace qsm::service
