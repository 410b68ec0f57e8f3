// Password login with lockout, and the session lifecycle.
#include "service/auth_service.hpp"

#include "auth/password.hpp"
#include "auth/secret.hpp"
#include "domain/error.hpp"
#include "domain/problems.hpp"
#include "store/identity_store.hpp"

namespace qsm::service {
namespace {

// Verifying against a fixed hash keeps unknown usernames as slow as known ones.
const std::string& dummy_hash() {
  static const std::string h = auth::hash_password("qsm-dummy-password-never-matches");
  return h;
}

}  // namespace

Login start_session(app::App& app, const std::string& role, const std::string& method, const std::string& ip,
                    std::optional<std::int64_t> account_id, std::optional<std::int64_t> enterprise_id,
                    std::optional<std::int64_t> person_id) {
  Login l{auth::random_hex(32), auth::random_hex(16)};
  store::NewSession s{auth::sha256_hex(l.token), l.csrf_token, role, method, ip, account_id, enterprise_id, person_id, std::nullopt};
  app.db->write([&](store::Connection& c) { store::insert_session(c, s, app.clock.now()); });
  return l;
}

void refuse_over_limit(store::Connection& c, std::string_view key, int limit, std::chrono::milliseconds window, std::int64_t now_ms,
                       std::string_view what) {
  const auto w = store::rate_window(c, key, now_ms, window.count());
  if (w.hits < limit) return;
  const auto wait = (w.started_at + window.count() - now_ms + 999) / 1000;
  throw Failure(Error::rate_limited,
                std::string("来自本地址的") + std::string(what) + "过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试",
                boost::json::object{{"retry_after", wait}});
}

Login login_password(app::App& app, const std::string& username, const std::string& password, const std::string& ip) {
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(kPasswordFailureWindow);
  const std::string address_key = "password-failures:" + ip;
  app.db->read([&](store::Connection& c) {
    refuse_over_limit(c, address_key, kPasswordFailuresPerAddress, window, now_ms, "密码登录失败次数");
    return 0;
  });
  auto account = app.db->read([&](store::Connection& c) { return store::find_account(c, username); });
  auto log = [&](bool ok, const std::string& reason) {
    app.db->write([&](store::Connection& c) {
      store::log_login(c, now, "password", username, ip, ok, reason);
      if (!ok) store::rate_hit(c, address_key, now_ms, window.count());
    });
  };
  if (!account) {
    auth::verify_password(dummy_hash(), password);
    log(false, "用户名不存在");
    throw Failure(Error::unauthenticated, "用户名或密码错误");
  }
  if (account->locked_until > now_ms) {
    log(false, "账号锁定中");
    auto minutes = (account->locked_until - now_ms + 59'999) / 60'000;
    throw Failure(Error::locked, "连续 5 次密码错误，账号已锁定，请 " + std::to_string(minutes) + " 分钟后再试",
                  boost::json::object{{"retry_after", (account->locked_until - now_ms + 999) / 1000}});
  }
  if (!auth::verify_password(account->password_hash, password)) {
    // A lock that has run out starts the count again.
    std::int64_t failed = (account->locked_until > 0 ? 0 : account->failed_count) + 1;
    std::int64_t locked_until = 0;
    if (failed >= kMaxPasswordFailures) {
      locked_until = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(kLockout).count();
      failed = 0;
    }
    app.db->write([&](store::Connection& c) { store::record_login_failure(c, account->id, failed, locked_until); });
    log(false, locked_until ? "密码错误，账号已锁定" : "密码错误");
    if (locked_until) throw Failure(Error::locked, "连续 5 次密码错误，账号已锁定 15 分钟", boost::json::object{{"retry_after", 15 * 60}});
    throw Failure(Error::unauthenticated, "用户名或密码错误（还可尝试 " + std::to_string(kMaxPasswordFailures - failed) + " 次）");
  }
  if (account->failed_count || account->locked_until)
    app.db->write([&](store::Connection& c) { store::reset_login_failures(c, account->id); });
  log(true, "");
  return start_session(app, account->role, "password", ip, account->id, std::nullopt, std::nullopt);
}

namespace {

enum class Liveness { live, due_refresh, expired };

// Idle and absolute timeouts; a live session is refreshed at most once a minute, so reads do not
// turn into writes on every request.
Liveness liveness(const store::SessionRow& row, domain::Instant at) {
  const std::int64_t now = domain::to_millis(at);
  const std::int64_t idle = std::chrono::duration_cast<std::chrono::milliseconds>(kIdleTimeout).count();
  const std::int64_t absolute = std::chrono::duration_cast<std::chrono::milliseconds>(kAbsoluteTimeout).count();
  if (now - row.last_seen_at > idle || now - row.created_at > absolute) return Liveness::expired;
  return now - row.last_seen_at > 60'000 ? Liveness::due_refresh : Liveness::live;
}

Session session_of(const store::SessionRow& row) {
  Session s{row.id, row.csrf_token, row.login_method, row.actor, false};
  s.contract_pending = (s.actor.role == domain::Role::site_contractor || s.actor.role == domain::Role::site_supervisor) &&
                       s.actor.contract_id == 0;
  return s;
}

}  // namespace

std::optional<Session> authenticate(app::App& app, const std::string& token, const std::string&) {
  if (token.size() != 64) return std::nullopt;
  const auto hash = auth::sha256_hex(token);
  auto row = app.sessions->get(hash);
  if (!row) {
    row = app.db->read([&](store::Connection& c) { return store::find_session(c, hash); });
    if (!row) return std::nullopt;
    // A site user who has not chosen a contract yet may choose it on another server at any moment:
    // such a row is read afresh each time (a handful of requests) so the choice is seen at once.
    if (!session_of(*row).contract_pending) app.sessions->put(hash, *row);
  }
  const auto state = liveness(*row, app.clock.now());
  if (state == Liveness::expired) return std::nullopt;
  if (state == Liveness::due_refresh) {
    app.db->write([&](store::Connection& c) { store::touch_session(c, row->id, app.clock.now()); });
    app.sessions->forget(row->id);
  }
  return session_of(*row);
}

std::optional<Session> authenticate_cached(app::App& app, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto row = app.sessions->get(auth::sha256_hex(token));
  if (!row || liveness(*row, app.clock.now()) != Liveness::live) return std::nullopt;
  return session_of(*row);
}

void logout(app::App& app, const Session& s) {
  app.db->write([&](store::Connection& c) { store::revoke_session(c, s.id); });
  app.sessions->forget(s.id);
}

void change_password(app::App& app, const Session& s, const std::string& old_password, const std::string& new_password) {
  if (s.actor.account_id == 0) throw Failure(Error::forbidden, "只有监督机构和系统管理员账号有密码");
  auto account = app.db->read([&](store::Connection& c) { return store::find_account_by_id(c, s.actor.account_id); });
  if (!account) throw Failure(Error::not_found);
  if (!auth::verify_password(account->password_hash, old_password)) throw domain::field_failure("old_password", "原密码不正确");
  if (auto problem = auth::password_policy_problem(new_password)) throw domain::field_failure("new_password", *problem);
  if (new_password == old_password) throw domain::field_failure("new_password", "新密码不能与原密码相同");
  auto hash = auth::hash_password(new_password);
  app.db->write([&](store::Connection& c) { store::set_password(c, account->id, hash, app.clock.now()); });
}

void add_user(app::App& app, const std::string& username, domain::Role role, const std::string& authority_code,
              const std::string& display_name, const std::string& password) {
  if (role != domain::Role::authority && role != domain::Role::admin)
    throw Failure(Error::validation_failed, "账号角色只能是 authority 或 admin（企业和现场用户不用密码登录）");
  if (username.empty() || username.size() > 64) throw Failure(Error::validation_failed, "用户名应为 1–64 个字符");
  if (auto problem = auth::password_policy_problem(password)) throw Failure(Error::validation_failed, *problem);
  auto hash = auth::hash_password(password);
  app.db->write([&](store::Connection& c) {
    std::optional<std::int64_t> authority_id;
    if (role == domain::Role::authority) {
      if (authority_code.empty()) throw Failure(Error::validation_failed, "监督机构账号需要 --authority CODE");
      authority_id = store::authority_id_by_code(c, authority_code);
      if (!authority_id) throw Failure(Error::validation_failed, "监督机构 " + authority_code + " 不存在；请先导入登记数据");
    }
    store::upsert_account(c, username, std::string(domain::to_string(role)), authority_id,
                          display_name.empty() ? username : display_name, hash, app.clock.now());
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
