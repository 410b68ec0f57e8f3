// Password login with lockout, and the session lifecycle.
#include "service/auth_service.hpp"

#include "crypto/password.hpp"
#include "crypto/secret.hpp"
#include "domain/error.hpp"
#include "domain/problems.hpp"
#include "store/audit.hpp"
#include "store/account_store.hpp"
#include "store/identity_store.hpp"
#include "util/net.hpp"

namespace qsm::service {
namespace {

// Verifying against a fixed hash keeps unknown usernames as slow as known ones.
const std::string& dummy_hash() {
  static const std::string h = crypto::hash_password("qsm-dummy-password-never-matches");
  return h;
}

std::int64_t lockout_ms() { return std::chrono::duration_cast<std::chrono::milliseconds>(kLockout).count(); }

}  // namespace

Login start_session(app::App& app, const std::string& role, const std::string& method, const std::string& ip,
                    std::optional<std::int64_t> account_id, std::optional<std::int64_t> enterprise_id,
                    std::optional<std::int64_t> person_id, domain::Setup setup, std::optional<std::int64_t> clerk_id) {
  Login l{crypto::random_hex(32), crypto::random_hex(16)};
  store::NewSession s{crypto::sha256_hex(l.token), l.csrf_token, role,         method, ip, account_id, enterprise_id,
                      person_id,                  std::nullopt, std::string(domain::to_string(setup)), clerk_id};
  const auto ended = app.db->write([&](store::Connection& c) {
    store::insert_session(c, s, app.clock.now());
    return account_id ? store::cap_account_sessions(c, *account_id, app.tuned().accounts.max_sessions_per_account) : 0;
  });
  if (ended) app.sessions->forget_account(*account_id);
  return l;
}

void advance_setup(app::App& app, const Session& s, domain::Setup next) {
  app.db->write([&](store::Connection& c) { store::set_session_setup(c, s.id, domain::to_string(next)); });
  app.sessions->forget(s.id);
}

std::string session_role(std::string_view role, std::string_view duty) {
  if (role != "admin") return std::string(role);
  if (duty == "security") return std::string(domain::to_string(domain::Role::security_admin));
  if (duty == "audit") return std::string(domain::to_string(domain::Role::auditor));
  return std::string(role);
}

std::string session_role(const store::Account& account) { return session_role(account.role, account.duty); }

domain::AccountSecurity security_of(const store::Account& account) {
  return {account.totp_secret.has_value(), account.must_change_password, account.password_changed_at};
}

AddressSlot take_address_slot(store::Connection& c, std::string_view kind, const std::string& ip, int limit,
                              std::chrono::milliseconds window, std::int64_t now_ms, std::string_view what) {
  AddressSlot slot{std::string(kind) + ":" + net::rate_limit_address(ip), 0};
  const auto w = store::rate_take(c, slot.key, now_ms, window.count());
  if (w.hits <= limit) {
    slot.window_started_at = w.started_at;
    return slot;
  }
  const auto wait = (w.started_at + window.count() - now_ms + 999) / 1000;
  throw Failure(Error::rate_limited,
                std::string("来自本地址的") + std::string(what) + "过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试",
                boost::json::object{{"retry_after", wait}});
}

void give_back(store::Connection& c, const AddressSlot& slot) { store::rate_give_back(c, slot.key, slot.window_started_at); }

// The guard row of a username: its HMAC, so a name typed by mistake (even a password) is never stored.
std::string guard_key(const app::App& app, std::string_view username) { return app.secret.hmac_hex("login-guard:" + std::string(username)); }

Failure locked_failure(std::int64_t locked_until, std::int64_t now_ms) {
  const auto seconds = std::max<std::int64_t>(1, (locked_until - now_ms + 999) / 1000);
  return Failure(Error::locked, "连续 5 次密码错误，账号已锁定，请 " + std::to_string((seconds + 59) / 60) + " 分钟后再试",
                 boost::json::object{{"retry_after", seconds}});
}


PasswordCheck check_password(app::App& app, std::string_view username, const std::string& password,
                             const std::optional<std::string>& password_hash) {
  const std::int64_t now_ms = domain::to_millis(app.clock.now());
  const auto key = guard_key(app, username);
  // Counted before the password is verified, in one statement: however many requests arrive at
  // once, at most kMaxPasswordFailures verifications happen per lock window.
  const auto guard = app.db->write([&](store::Connection& c) { return store::take_login_attempt(c, key, now_ms); });
  if (guard.locked_until > now_ms) return {PasswordCheck::Outcome::locked, 0, guard.locked_until};
  if (guard.failed_count > kMaxPasswordFailures) return {PasswordCheck::Outcome::locked, 0, now_ms + lockout_ms()};
  // An unknown name costs the same verification as a known one.
  const bool right = crypto::verify_password(password_hash ? *password_hash : dummy_hash(), password) && password_hash;
  if (right) {
    app.db->write([&](store::Connection& c) { store::clear_login_guard(c, key); });
    return {PasswordCheck::Outcome::right, 0, 0};
  }
  if (guard.failed_count == kMaxPasswordFailures) {
    const auto until = now_ms + lockout_ms();
    app.db->write([&](store::Connection& c) { store::lock_login(c, key, until); });
    return {PasswordCheck::Outcome::now_locked, 0, until};
  }
  return {PasswordCheck::Outcome::wrong, static_cast<int>(kMaxPasswordFailures - guard.failed_count), 0};
}

Login login_password(app::App& app, const std::string& username, const std::string& password, const std::string& ip) {
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(kPasswordFailureWindow);
  // The address's slot is taken before anything else (a refusal here writes nothing, not even a log
  // row) and given back when the login succeeds: only failures count.
  const auto slot = app.db->write([&](store::Connection& c) {
    return take_address_slot(c, "password-failures", ip, kPasswordFailuresPerAddress, window, now_ms, "密码登录失败次数");
  });
  auto account = app.db->read([&](store::Connection& c) { return store::find_account(c, username); });
  auto check = check_password(app, username, password, account ? std::optional(account->password_hash) : std::nullopt);
  using O = PasswordCheck::Outcome;
  // The log tells the administrator what happened; the caller gets one answer for a name that
  // exists and one that does not.
  const bool disabled = check.outcome == O::right && account->disabled;
  const char* reason = disabled ? "账号已停用"
                       : check.outcome == O::right ? ""
                       : check.outcome == O::locked ? "账号锁定中"
                       : !account ? "用户名不存在"
                       : check.outcome == O::now_locked ? "密码错误，账号已锁定" : "密码错误";
  app.db->write([&](store::Connection& c) {
    store::log_login(c, now, "password", username, ip, check.outcome == O::right && !disabled, reason);
    if (check.outcome == O::right) give_back(c, slot);
  });
  switch (check.outcome) {
    case O::right: break;
    case O::locked:
    // The clock read after the check: the lock was set from it, so every answer says the same minutes.
    case O::now_locked: throw locked_failure(check.locked_until, domain::to_millis(app.clock.now()));
    case O::wrong:
      throw Failure(Error::unauthenticated, "用户名或密码错误（还可尝试 " + std::to_string(check.tries_left) + " 次）");
  }
  // Told only to whoever knows the password: a disabled account answers like any other until then.
  if (disabled) throw Failure(Error::account_disabled);
  const auto setup = domain::next_setup(app.tuned().accounts, security_of(*account), domain::Setup::none, now_ms);
  return start_session(app, session_role(*account), "password", ip, account->id, std::nullopt, std::nullopt, setup);
}

namespace {

enum class Liveness { live, due_refresh, expired };

// Idle and absolute timeouts; a live session is refreshed at most once a minute, so reads do not
// turn into writes on every request.
Liveness liveness(const app::App& app, const store::SessionRow& row, domain::Instant at) {
  const std::int64_t now = domain::to_millis(at);
  const auto& tuned = app.tuned();
  const std::int64_t idle = tuned.idle_timeout().count();
  const std::int64_t absolute = tuned.absolute_timeout().count();
  if (now - row.last_seen_at > idle || now - row.created_at > absolute) return Liveness::expired;
  return now - row.last_seen_at > 60'000 ? Liveness::due_refresh : Liveness::live;
}

Session session_of(const store::SessionRow& row) {
  Session s{row.id, row.csrf_token, row.login_method, row.actor, false};
  s.contract_pending = (s.actor.role == domain::Role::site_contractor || s.actor.role == domain::Role::site_supervisor) &&
                       s.actor.contract_id == 0;
  s.setup = domain::setup_from(row.setup).value_or(domain::Setup::none);
  return s;
}

// A site user who has not chosen a contract yet may choose it on another server at any moment:
// such a row is read afresh each time (a handful of requests) so the choice is seen at once.
// The same for a password login between its setup steps.
bool cacheable(const store::SessionRow& row) {
  const auto s = session_of(row);
  return !s.contract_pending && s.setup == domain::Setup::none;
}

}  // namespace

std::optional<Session> authenticate(app::App& app, const std::string& token, const std::string&) {
  if (token.size() != 64) return std::nullopt;
  const auto hash = crypto::sha256_hex(token);
  auto row = app.sessions->get(hash);
  const bool read_now = !row;
  if (!row) {
    row = app.db->read([&](store::Connection& c) { return store::find_session(c, hash); });
    if (!row) return std::nullopt;
    if (cacheable(*row)) app.sessions->put(hash, *row);
  }
  const auto now = app.clock.now();
  const auto state = liveness(app, *row, now);
  if (state == Liveness::expired) return std::nullopt;
  if (state == Liveness::due_refresh && app.touches->deferred) {
    // Written with the others within a second (flush_session_touches). A row just read is cached
    // with the new time, so the next requests do not refresh it again; a row from the cache is not
    // put back, which would keep it past kTtl (another process's revocation is seen within kTtl).
    app.touches->add(row->id, domain::to_millis(now));
    row->last_seen_at = domain::to_millis(now);
    if (read_now && cacheable(*row)) app.sessions->put(hash, *row);
  } else if (state == Liveness::due_refresh) {
    app.db->write([&](store::Connection& c) { store::touch_session(c, row->id, now); });
    app.sessions->forget(row->id);
  }
  return session_of(*row);
}

void flush_session_touches(app::App& app) {
  auto seen = app.touches->take();
  if (seen.empty()) return;
  try {
    app.db->write([&](store::Connection& c) { store::touch_sessions(c, seen); });
  } catch (...) {
    for (const auto& [id, at] : seen) app.touches->add(id, at);  // the next round tries again
    throw;
  }
}

std::optional<Session> authenticate_cached(app::App& app, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto row = app.sessions->get(crypto::sha256_hex(token));
  if (!row || liveness(app, *row, app.clock.now()) != Liveness::live) return std::nullopt;
  return session_of(*row);
}

void logout(app::App& app, const Session& s) {
  app.db->write([&](store::Connection& c) {
    store::revoke_session(c, s.id);
    store::log_login(c, app.clock.now(), "logout", s.actor.name, s.actor.ip, true, "退出登录");
  });
  app.sessions->forget(s.id);
}

void change_password(app::App& app, const Session& s, const std::string& old_password, const std::string& new_password) {
  if (s.actor.account_id == 0) throw Failure(Error::forbidden, "只有监督机构和系统管理员账号有密码");
  auto account = app.db->read([&](store::Connection& c) { return store::find_account_by_id(c, s.actor.account_id); });
  if (!account) throw Failure(Error::not_found);
  if (auto problem = crypto::password_policy_problem(new_password)) throw domain::field_failure("new_password", *problem);
  if (new_password == old_password) throw domain::field_failure("new_password", "新密码不能与原密码相同");
  // A wrong old password counts toward the lockout like a wrong login: a stolen session cannot
  // guess the password to keep the account.
  const auto now = app.clock.now();
  auto check = check_password(app, account->username, old_password, account->password_hash);
  using O = PasswordCheck::Outcome;
  if (check.outcome == O::locked || check.outcome == O::now_locked) throw locked_failure(check.locked_until, domain::to_millis(app.clock.now()));
  if (check.outcome == O::wrong)
    throw domain::field_failure("old_password", "原密码不正确（还可尝试 " + std::to_string(check.tries_left) + " 次）");
  auto hash = crypto::hash_password(new_password);
  // The new password, the end of every other session of the account and the audit record commit together.
  // A change that was forced moves the login on to its next step (enrolment, when required).
  auto changed = *account;
  changed.must_change_password = false;
  changed.password_changed_at = domain::to_millis(now);
  const auto next = s.setup == domain::Setup::change_password
                        ? domain::next_setup(app.tuned().accounts, security_of(changed), domain::Setup::change_password, domain::to_millis(now))
                        : s.setup;
  auto ended = app.db->write([&](store::Connection& c) {
    store::set_password(c, account->id, hash, now);
    auto n = store::revoke_account_sessions(c, account->id, s.id);
    if (next != s.setup) store::set_session_setup(c, s.id, domain::to_string(next));
    store::append_audit(c, app.audit_key, {"account", account->id, std::nullopt, "change_password", std::nullopt, std::nullopt, std::nullopt}, s.actor, now);
    return n;
  });
  if (ended) app.sessions->forget_account(account->id);
  app.sessions->forget(s.id);
}

namespace {

void check_new_account(domain::Role role, const std::string& username) {
  using domain::Role;
  if (role != Role::authority && role != Role::admin && role != Role::security_admin && role != Role::auditor)
    throw Failure(Error::validation_failed,
                  "账号角色只能是 authority、admin、security_admin 或 auditor（企业和现场用户不用密码登录）");
  if (username.empty() || username.size() > 64) throw Failure(Error::validation_failed, "用户名应为 1–64 个字符");
}

}  // namespace

void add_user(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
              const std::string& display_name, const std::string& password, bool initial) {
  check_new_account(role, username);
  if (auto problem = crypto::password_policy_problem(password)) throw Failure(Error::validation_failed, *problem);
  add_user_hashed(app, username, role, authority_code, display_name, crypto::hash_password(password), initial);
}

std::int64_t add_user_hashed(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
                             const std::string& display_name, const std::string& hash, bool initial) {
  using domain::Role;
  check_new_account(role, username);
  return app.db->write([&](store::Connection& c) {
    std::optional<std::int64_t> authority_id;
    if (role == domain::Role::authority) {
      if (authority_code.empty()) throw Failure(Error::validation_failed, "监督机构账号需要 --authority CODE");
      authority_id = store::authority_id_by_code(c, authority_code);
      if (!authority_id) throw Failure(Error::validation_failed, "监督机构 " + authority_code + " 不存在；请先导入登记数据");
    }
    store::NewAccount a{username, role == Role::authority ? "authority" : "admin", authority_id, display_name.empty() ? username : display_name,
                        hash};
    a.duty = role == Role::security_admin ? "security" : role == Role::auditor ? "audit" : "system";
    a.must_change_password = initial;
    const auto id = store::upsert_account(c, a, app.clock.now());
    store::clear_login_guard(c, guard_key(app, username));  // a reset also ends a password lock
    // Created or reset from the command line: the actor is the operator of the machine.
    domain::Actor operator_actor;
    operator_actor.role = Role::admin;
    operator_actor.name = operator_actor.organisation = "命令行（qsm user add）";
    operator_actor.ref = "cli";
    store::append_audit(c, app.audit_key,
                        {"account", id, std::nullopt, "create_or_reset", std::nullopt, std::nullopt,
                         std::string(domain::label(role)) + " " + username + (initial ? "（初始密码，首次登录须修改）" : "")},
                        operator_actor, app.clock.now());
    return id;
  });
}

std::string authority_username(std::string_view authority_code) {
  std::string user = "jdz_";
  for (char ch : authority_code) user += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return user;
}

domain::Actor authority_actor(const store::Account& account) {
  domain::Actor a;
  a.role = domain::Role::authority;
  a.name = a.organisation = account.display_name;
  a.ref = "account:" + std::to_string(account.id);
  a.account_id = account.id;
  a.authority_id = account.authority_id.value_or(0);
  return a;
}

}  // namespace qsm::service
