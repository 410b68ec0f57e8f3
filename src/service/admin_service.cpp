// 在线用户 and 参数设置.
#include "service/admin_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "service/account_security.hpp"
#include "store/audit.hpp"
#include "store/identity_store.hpp"

namespace qsm::service {
namespace {

store::SessionFilter live_filter(const app::App& app) {
  const auto now = domain::to_millis(app.clock.now());
  const auto& t = app.tuned();
  store::SessionFilter f;
  f.live_after_ms = now - t.idle_timeout().count();
  f.begun_after_ms = now - t.absolute_timeout().count();
  return f;
}

void audit_session(store::Connection& c, const app::App& app, const domain::Actor& actor, const store::LiveSession& s, std::string note) {
  store::append_audit(c, app.audit_key, {"session", s.id, std::nullopt, "force_logout", std::nullopt, std::nullopt, std::move(note)}, actor,
                      app.clock.now());
}

std::string describe(const store::LiveSession& s) {
  return (s.who.empty() ? "会话" : s.who) + (s.organisation.empty() ? "" : "（" + s.organisation + "）") + "，地址 " + s.ip;
}

}  // namespace

SessionPage list_live_sessions(app::App& app, const std::string& q, const std::string& role, int limit, int offset) {
  auto f = live_filter(app);
  f.q = q;
  f.role = role;
  SessionPage page;
  page.items = app.db->read([&](store::Connection& c) { return store::find_live_sessions(c, f, limit, offset, page.total); });
  return page;
}

void end_session(app::App& app, const domain::Actor& actor, std::int64_t own_session_id, std::int64_t session_id) {
  if (session_id == own_session_id) throw domain::field_failure("id", "这是您当前的会话：请使用“退出登录”");
  app.db->write([&](store::Connection& c) {
    auto f = live_filter(app);
    f.id = session_id;
    std::int64_t total = 0;
    auto found = store::find_live_sessions(c, f, 1, 0, total);
    if (found.empty()) throw Failure(Error::not_found, "会话不存在或已结束");
    store::revoke_session(c, session_id);
    audit_session(c, app, actor, found.front(), "强制退出 " + describe(found.front()));
  });
  app.sessions->forget(session_id);
  forget_everywhere(app);
}

std::int64_t end_sessions_of(app::App& app, const domain::Actor& actor, std::int64_t own_session_id, std::int64_t account_id) {
  const auto n = app.db->write([&](store::Connection& c) {
    auto f = live_filter(app);
    f.account_id = account_id;
    std::int64_t total = 0;
    auto live = store::find_live_sessions(c, f, 10'000, 0, total);
    std::int64_t ended = 0;
    for (const auto& s : live) {
      if (s.id == own_session_id) continue;
      store::revoke_session(c, s.id);
      audit_session(c, app, actor, s, "强制退出 " + describe(s));
      ++ended;
    }
    return ended;
  });
  app.sessions->forget_account(account_id);
  if (n) forget_everywhere(app);
  return n;
}

namespace {

// The database's values over `base`; a value that does not parse is left out (and said in the log).
domain::Tunables overlay(const domain::Tunables& base, const std::vector<store::SettingRow>& rows) {
  auto t = base;
  for (const auto& r : rows) {
    domain::Problems problems;
    auto next = t;
    domain::set_tunable(next, r.name, r.value, problems);
    if (problems.empty()) t = next;
    else spdlog::warn("参数 {} 的存储值 “{}” 无效，沿用 {}", r.name, r.value, domain::tunable_text(t, r.name));
  }
  domain::Problems whole;
  domain::check_tunables(t, whole);
  if (!whole.empty()) {
    spdlog::warn("存储的参数互相矛盾（{}），沿用启动参数", whole.items().front().reason);
    return base;
  }
  return t;
}

}  // namespace

void load_tunables(app::App& app, const domain::Tunables& defaults) {
  const auto now = domain::to_millis(app.clock.now());
  app.tunables->set(defaults, -1);
  app.db->write([&](store::Connection& c) {
    for (const auto& info : domain::tunable_infos()) {
      const auto value = domain::tunable_text(defaults, info.name);
      if (!store::seed_setting(c, std::string(info.name), value, now)) continue;
      spdlog::info("参数 {} 首次写入数据库：{}", info.name, value);
    }
  });
  refresh_tunables(app);
  // A flag that disagrees with the database is not used: say so once.
  for (const auto& info : domain::tunable_infos()) {
    const auto flag = domain::tunable_text(defaults, info.name), used = domain::tunable_text(app.tuned(), info.name);
    if (flag != used) spdlog::info("参数 {} 以数据库中的值 {} 为准（参数设置页面修改）；启动参数 {} 仅作首次默认值", info.name, used, flag);
  }
}

void refresh_tunables(app::App& app) {
  const auto [stamp, rows] = app.db->read([&](store::Connection& c) {
    const auto s = store::settings_stamp(c);
    return std::pair(s, s == app.tunables->stamp() ? std::vector<store::SettingRow>{} : store::read_settings(c));
  });
  if (stamp == app.tunables->stamp()) return;
  // Over the values in force, which hold the flags' for anything never stored.
  app.tunables->set(overlay(app.tuned(), rows), stamp);
}

std::vector<store::SettingRow> setting_rows(app::App& app) {
  return app.db->read([&](store::Connection& c) { return store::read_settings(c); });
}

domain::Tunables change_settings(app::App& app, const domain::Actor& actor, const std::vector<std::pair<std::string, std::string>>& changes) {
  refresh_tunables(app);
  const auto before = app.tuned();
  auto after = before;
  domain::Problems problems;
  for (const auto& [name, text] : changes) domain::set_tunable(after, name, text, problems);
  problems.throw_if_any("参数有误，请按提示修改");
  domain::check_tunables(after, problems);
  problems.throw_if_any("参数有误，请按提示修改");
  const auto now = app.clock.now();
  const auto stamp = app.db->write([&](store::Connection& c) {
    for (const auto& [name, text] : changes) {
      const auto old_text = domain::tunable_text(before, name), new_text = domain::tunable_text(after, name);
      if (old_text == new_text) continue;
      store::put_setting(c, name, new_text, domain::to_millis(now), actor.name);
      store::append_audit(c, app.audit_key,
                          {"setting", 0, std::nullopt, "update", std::nullopt, std::nullopt,
                           name + "：" + (old_text.empty() ? "（空）" : old_text) + " → " + (new_text.empty() ? "（空）" : new_text)},
                          actor, now);
    }
    return store::settings_stamp(c);
  });
  app.tunables->set(after, stamp);
  return after;
}

}  // namespace qsm::service
