// Second factors, the security administrator's and the auditor's work.
#include "service/account_security.hpp"

#include "crypto/password.hpp"
#include "crypto/secret.hpp"
#include "crypto/totp.hpp"
#include "domain/error.hpp"
#include "domain/problems.hpp"
#include "store/audit.hpp"
#include "store/identity_store.hpp"

#include <thread>

namespace qsm::service {
namespace {

constexpr std::string_view kIssuer = "上海建设工程质量标准化";
constexpr std::int64_t kDayMs = 86'400'000;

// TOTP secrets are sealed under a key of their own, derived from the server secret (outside the
// database): whoever reads the database alone cannot make codes.
crypto::Secret totp_box(const app::App& app) { return app.secret.derived("qsm totp v1"); }

std::string recovery_mac(const app::App& app, std::int64_t account_id, std::string_view code) {
  return app.secret.hmac_hex("recovery:" + std::to_string(account_id) + ":" + crypto::normalize_recovery_code(code));
}

std::string factor_guard_key(const app::App& app, std::int64_t account_id) {
  return app.secret.hmac_hex("second-factor:" + std::to_string(account_id));
}

std::int64_t now_ms(const app::App& app) { return domain::to_millis(app.clock.now()); }

void audit_account(store::Connection& c, const app::App& app, const domain::Actor& actor, std::int64_t account_id, std::string action,
                   std::optional<std::string> note) {
  store::append_audit(c, app.audit_key, {"account", account_id, std::nullopt, std::move(action), std::nullopt, std::nullopt, std::move(note)},
                      actor, app.clock.now());
}

store::Account account_of(app::App& app, const Session& s) {
  if (s.actor.account_id == 0) throw Failure(Error::forbidden, "只有监督机构和管理员账号使用动态口令");
  auto a = app.db->read([&](store::Connection& c) { return store::find_account_by_id(c, s.actor.account_id); });
  if (!a) throw Failure(Error::not_found);
  return *a;
}

store::Account target_account(store::Connection& c, std::int64_t id) {
  auto a = store::find_account_by_id(c, id);
  if (!a) throw Failure(Error::not_found, "账号不存在");
  return *a;
}

std::string label_of(const store::Account& a) { return a.username + "（" + a.display_name + "）"; }

}  // namespace

void verify_second_factor(app::App& app, const Session& s, const std::string& code, const std::string& recovery_code) {
  if (s.setup != domain::Setup::second_factor) throw Failure(Error::invalid_transition, "本次登录无需输入动态口令");
  const auto account = account_of(app, s);
  const auto now = now_ms(app);
  const auto key = factor_guard_key(app, account.id);
  // Counted before the code is compared, like a password: at most five comparisons per lock window.
  const auto guard = app.db->write([&](store::Connection& c) { return store::take_login_attempt(c, key, now); });
  const auto end_session = [&](std::int64_t until, const char* reason) {
    app.db->write([&](store::Connection& c) {
      if (until) store::lock_login(c, key, until);
      store::revoke_session(c, s.id);
      store::log_login(c, app.clock.now(), "second_factor", account.username, s.actor.ip, false, reason);
    });
    app.sessions->forget(s.id);
    const auto seconds = std::max<std::int64_t>(1, ((until ? until : guard.locked_until) - now + 999) / 1000);
    return Failure(Error::locked, "动态口令连续 5 次错误，账号已锁定，请 " + std::to_string((seconds + 59) / 60) + " 分钟后重新登录",
                   boost::json::object{{"retry_after", seconds}});
  };
  if (guard.locked_until > now) throw end_session(0, "账号锁定中");

  bool right = false;
  const char* how = "动态口令";
  if (!recovery_code.empty()) {
    how = "恢复码";
    const auto mac = recovery_mac(app, account.id, recovery_code);
    right = app.db->write([&](store::Connection& c) { return store::use_recovery_code(c, account.id, mac, now); });
  } else if (account.totp_secret) {
    const auto secret = totp_box(app).open(*account.totp_secret);
    const auto step = secret ? crypto::totp_step(*secret, code, now / 1000) : std::nullopt;
    // Each step once: a code seen over a shoulder or replayed from a proxy's log is refused.
    right = step && app.db->write([&](store::Connection& c) { return store::take_totp_step(c, account.id, *step); });
  }
  if (!right) {
    if (guard.failed_count >= kMaxPasswordFailures) throw end_session(now + std::chrono::duration_cast<std::chrono::milliseconds>(kLockout).count(),
                                                                      "动态口令错误，账号已锁定");
    app.db->write([&](store::Connection& c) {
      store::log_login(c, app.clock.now(), "second_factor", account.username, s.actor.ip, false, std::string(how) + "错误");
    });
    // 422 on the field, like the enrolment's wrong code: a 401 would read as an ended session.
    throw domain::field_failure(recovery_code.empty() ? "code" : "recovery_code",
                                std::string(how) + "不正确（还可尝试 " + std::to_string(kMaxPasswordFailures - guard.failed_count) + " 次）");
  }
  const auto next = domain::next_setup(app.tuned().accounts, security_of(account), domain::Setup::second_factor, now);
  app.db->write([&](store::Connection& c) {
    store::clear_login_guard(c, key);
    store::set_session_setup(c, s.id, domain::to_string(next));
    store::log_login(c, app.clock.now(), "second_factor", account.username, s.actor.ip, true, std::string("以") + how + "验证");
    if (!recovery_code.empty())
      audit_account(c, app, s.actor, account.id, "use_recovery_code",
                    "剩余恢复码 " + std::to_string(store::recovery_codes_left(c, account.id)) + " 个");
  });
  app.sessions->forget(s.id);
}

Enrolment begin_enrolment(app::App& app, const Session& s) {
  const auto account = account_of(app, s);
  if (account.totp_secret) throw Failure(Error::invalid_transition, "已绑定动态口令；如需更换，请联系安全管理员重置");
  const auto key = crypto::new_totp_key();
  app.db->write([&](store::Connection& c) { store::set_totp_pending(c, account.id, totp_box(app).seal(key)); });
  const auto uri = crypto::otpauth_uri(kIssuer, account.username, key);
  return {crypto::base32(key), uri, crypto::qr_rows(uri)};
}

std::vector<std::string> confirm_enrolment(app::App& app, const Session& s, const std::string& code) {
  const auto account = account_of(app, s);
  if (account.totp_secret) throw Failure(Error::invalid_transition, "已绑定动态口令");
  const auto pending = account.totp_pending ? totp_box(app).open(*account.totp_pending) : std::nullopt;
  if (!pending) throw Failure(Error::invalid_transition, "请先获取绑定二维码");
  const auto now = now_ms(app);
  const auto step = crypto::totp_step(*pending, code, now / 1000);
  if (!step) throw domain::field_failure("code", "动态口令不正确：请确认手机时间准确，并输入身份验证器 App 当前显示的 6 位数字");
  std::vector<std::string> codes, macs;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(crypto::new_recovery_code());
    macs.push_back(recovery_mac(app, account.id, codes.back()));
  }
  auto enrolled = account;
  enrolled.totp_secret = "";
  const auto next = s.setup == domain::Setup::enrol_second_factor
                        ? domain::next_setup(app.tuned().accounts, security_of(enrolled), domain::Setup::enrol_second_factor, now)
                        : s.setup;
  app.db->write([&](store::Connection& c) {
    store::enable_totp(c, account.id, *step, now);
    store::replace_recovery_codes(c, account.id, macs, now);
    if (next != s.setup) store::set_session_setup(c, s.id, domain::to_string(next));
    audit_account(c, app, s.actor, account.id, "enrol_second_factor", "绑定动态口令，生成恢复码 " + std::to_string(kRecoveryCodes) + " 个");
  });
  app.sessions->forget(s.id);
  return codes;
}

SecondFactorState second_factor_state(app::App& app, const store::Account& account) {
  if (!account.totp_secret) return {};
  return {true, app.db->read([&](store::Connection& c) { return store::recovery_codes_left(c, account.id); })};
}

std::vector<AccountView> list_accounts(app::App& app) {
  const auto now = now_ms(app);
  const auto idle = app.tuned().idle_timeout().count();
  return app.db->read([&](store::Connection& c) {
    std::vector<AccountView> out;
    for (auto& row : store::list_accounts(c, now - idle)) {
      const auto password_lock = store::login_locked_until(c, guard_key(app, row.username));
      const auto factor_lock = store::login_locked_until(c, factor_guard_key(app, row.id));
      auto until = std::max(password_lock, factor_lock);
      auto role = session_role(row.role, row.duty);
      out.push_back({std::move(row), std::move(role), until > now ? until : 0});
    }
    return out;
  });
}

void unlock_account(app::App& app, const domain::Actor& actor, std::int64_t account_id) {
  app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    store::clear_login_guard(c, guard_key(app, a.username));
    store::clear_login_guard(c, factor_guard_key(app, a.id));
    audit_account(c, app, actor, a.id, "unlock", "解除 " + label_of(a) + " 的密码和动态口令锁定");
  });
}

void reset_second_factor(app::App& app, const domain::Actor& actor, std::int64_t account_id) {
  app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    store::remove_totp(c, a.id);
    store::revoke_account_sessions(c, a.id, 0);
    audit_account(c, app, actor, a.id, "reset_second_factor", "重置 " + label_of(a) + " 的动态口令和恢复码，并结束其全部会话");
  });
  app.sessions->forget_account(account_id);
}

std::int64_t end_account_sessions(app::App& app, const domain::Actor& actor, std::int64_t account_id) {
  const auto n = app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    const auto ended = store::revoke_account_sessions(c, a.id, 0);
    audit_account(c, app, actor, a.id, "end_sessions", "结束 " + label_of(a) + " 的会话 " + std::to_string(ended) + " 个");
    return ended;
  });
  app.sessions->forget_account(account_id);
  return n;
}

std::string reset_password(app::App& app, const domain::Actor& actor, std::int64_t account_id) {
  // 22 characters, 72 random bits; upper and lower case and a symbol always, so the policy holds.
  const std::string password = "Qs-" + crypto::random_hex(6) + "-" + crypto::random_hex(3);
  if (auto problem = crypto::password_policy_problem(password)) throw Failure(Error::internal, *problem);
  const auto hash = crypto::hash_password(password);
  app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    store::set_password(c, a.id, hash, app.clock.now(), true);
    store::revoke_account_sessions(c, a.id, 0);
    store::clear_login_guard(c, guard_key(app, a.username));
    audit_account(c, app, actor, a.id, "reset_password", "重置 " + label_of(a) + " 的密码（下次登录须修改），并结束其全部会话");
  });
  app.sessions->forget_account(account_id);
  return password;
}

void forget_everywhere(app::App&) {
  // On the steady clock, as the caches are (a fixed QSM_NOW still waits).
  std::this_thread::sleep_for(app::SessionCache::kTtl + std::chrono::milliseconds(50));
}

namespace {

bool contains_text(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool matches(const AccountView& v, const UserQuery& q) {
  const auto& r = v.row;
  if (!q.role.empty() && v.session_role != q.role) return false;
  if (q.status == "enabled" && r.disabled) return false;
  if (q.status == "disabled" && !r.disabled) return false;
  if (q.status == "locked" && v.locked_until == 0) return false;
  if (!q.q.empty() && !contains_text(r.username, q.q) && !contains_text(r.display_name, q.q) &&
      !contains_text(r.authority_name.value_or(""), q.q) && !contains_text(r.authority_code.value_or(""), q.q))
    return false;
  return true;
}

// The username's rules: 3–32 letters, digits, '_', '.', '-', beginning with a letter.
std::optional<std::string> username_problem(const std::string& u) {
  if (u.size() < 3 || u.size() > 32) return "用户名应为 3–32 个字符";
  if (!std::isalpha(static_cast<unsigned char>(u[0]))) return "用户名应以字母开头";
  for (char ch : u)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-')) return "用户名只能包含字母、数字、下划线、点和短横线";
  return std::nullopt;
}

std::string account_role_of(domain::Role role) { return role == domain::Role::authority ? "authority" : "admin"; }
std::string duty_of(domain::Role role) {
  return role == domain::Role::security_admin ? "security" : role == domain::Role::auditor ? "audit" : "system";
}

}  // namespace

UserPage list_users(app::App& app, const UserQuery& query) {
  UserPage page;
  for (auto& v : list_accounts(app)) {
    if (!matches(v, query)) continue;
    if (page.total >= query.offset && page.total < std::int64_t{query.offset} + query.limit) page.items.push_back(std::move(v));
    ++page.total;
  }
  return page;
}

std::vector<store::AuthorityRow> authorities(app::App& app) {
  return app.db->read([&](store::Connection& c) { return store::list_authorities(c); });
}

AccountView user_view(app::App& app, std::int64_t account_id) {
  for (auto& v : list_accounts(app))
    if (v.row.id == account_id) return std::move(v);
  throw Failure(Error::not_found, "账号不存在");
}

AccountView create_user(app::App& app, const domain::Actor& actor, const NewUser& user, domain::Problems problems) {
  using domain::Role;
  if (auto p = username_problem(user.username)) problems.add("$.username", *p);
  if (user.name.empty()) problems.add("$.name", "请输入姓名");
  if (user.role != Role::authority && user.role != Role::admin && user.role != Role::security_admin && user.role != Role::auditor)
    problems.add("$.role", "角色应为监督机构用户、系统管理员、安全管理员或审计管理员");
  if (user.role == Role::authority && user.authority_code.empty()) problems.add("$.authority_code", "监督机构用户须选择所属监督机构");
  if (auto p = crypto::password_policy_problem(user.password)) problems.add("$.password", user.password.empty() ? "请输入初始密码" : *p);
  problems.throw_if_any("请按提示填写账号信息");
  const auto hash = crypto::hash_password(user.password);
  const auto id = app.db->write([&](store::Connection& c) {
    std::optional<std::int64_t> authority_id;
    if (user.role == Role::authority) {
      authority_id = store::authority_id_by_code(c, user.authority_code);
      if (!authority_id) throw domain::field_failure("authority_code", "监督机构 " + user.authority_code + " 不存在");
    }
    store::NewAccount a{user.username, account_role_of(user.role), authority_id, user.name, hash};
    a.duty = duty_of(user.role);
    a.must_change_password = true;
    auto created = store::insert_account(c, a, now_ms(app));
    if (!created) throw Failure(Error::conflict, "用户名 " + user.username + " 已存在，请换一个");
    store::clear_login_guard(c, guard_key(app, user.username));
    audit_account(c, app, actor, *created, "create",
                  "新建" + std::string(domain::label(user.role)) + " " + user.username + "（" + user.name + "），首次登录须修改密码");
    return *created;
  });
  return user_view(app, id);
}

AccountView update_user(app::App& app, const domain::Actor& actor, std::int64_t account_id, const UserChange& change) {
  if (change.name && change.name->empty()) throw domain::field_failure("name", "请输入姓名");
  bool ended = false;
  app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    std::vector<std::string> notes;
    auto name = a.display_name;
    auto authority_id = a.authority_id;
    if (change.name && *change.name != a.display_name) {
      notes.push_back("姓名 " + a.display_name + " → " + *change.name);
      name = *change.name;
    }
    if (change.authority_code) {
      if (a.role != "authority") throw domain::field_failure("authority_code", "只有监督机构用户属于监督机构");
      auto id = store::authority_id_by_code(c, *change.authority_code);
      if (!id) throw domain::field_failure("authority_code", "监督机构 " + *change.authority_code + " 不存在");
      if (id != authority_id) notes.push_back("所属监督机构改为 " + *change.authority_code);
      authority_id = id;
    }
    if (name != a.display_name || authority_id != a.authority_id) store::update_account(c, a.id, name, authority_id);
    if (change.disabled && *change.disabled != a.disabled) {
      if (*change.disabled) {
        if (a.id == actor.account_id) throw domain::field_failure("disabled", "不能停用自己的账号");
        if (a.role == "admin" && a.duty == "system" && store::enabled_system_admins(c) <= 1)
          throw domain::field_failure("disabled", "这是唯一启用的系统管理员账号，不能停用");
        store::set_account_disabled(c, a.id, true);
        const auto n = store::revoke_account_sessions(c, a.id, 0);
        notes.push_back("停用，结束会话 " + std::to_string(n) + " 个");
        ended = true;
      } else {
        store::set_account_disabled(c, a.id, false);
        notes.push_back("启用");
      }
    }
    if (notes.empty()) return;
    std::string note = label_of(a) + "：";
    for (std::size_t i = 0; i < notes.size(); ++i) note += (i ? "；" : "") + notes[i];
    audit_account(c, app, actor, a.id, "update", note);
  });
  if (ended) {
    app.sessions->forget_account(account_id);
    forget_everywhere(app);
  }
  return user_view(app, account_id);
}

void set_user_password(app::App& app, const domain::Actor& actor, std::int64_t account_id, const std::string& password) {
  if (auto p = crypto::password_policy_problem(password)) throw domain::field_failure("password", *p);
  const auto hash = crypto::hash_password(password);
  app.db->write([&](store::Connection& c) {
    const auto a = target_account(c, account_id);
    store::set_password(c, a.id, hash, app.clock.now(), true);
    const auto n = store::revoke_account_sessions(c, a.id, 0);
    store::clear_login_guard(c, guard_key(app, a.username));
    audit_account(c, app, actor, a.id, "reset_password",
                  "设置 " + label_of(a) + " 的密码（下次登录须修改），结束会话 " + std::to_string(n) + " 个");
  });
  app.sessions->forget_account(account_id);
  forget_everywhere(app);
}

namespace {

std::string describe(const store::LogFilter& f) {
  std::string out;
  auto add = [&](std::string_view k, const std::string& v) {
    if (v.empty()) return;
    if (!out.empty()) out += "，";
    out += std::string(k) + " " + v;
  };
  add("结果", f.success ? (*f.success ? "成功" : "失败") : "");
  add("用户", f.who);
  add("对象", f.entity);
  add("操作", f.action);
  add("所在区", f.district);
  add("地址", f.ip);
  add("方式", std::string(domain::login_method_label(f.method)));
  add("自", f.from_ms ? domain::format_instant(domain::from_millis(*f.from_ms)) : "");
  add("至", f.to_ms ? domain::format_instant(domain::from_millis(*f.to_ms)) : "");
  return out.empty() ? "全部" : out;
}

// The auditor's read and its own audit record, in one transaction.
template <class F>
auto audited_read(app::App& app, const domain::Actor& actor, std::string_view log, const store::LogFilter& f, int offset, F&& read) {
  return app.db->write([&](store::Connection& c) {
    auto rows = read(c);
    store::append_audit(c, app.audit_key,
                        {std::string(log), 0, std::nullopt, "read", std::nullopt, std::nullopt,
                         "查询 " + describe(f) + "（第 " + std::to_string(offset + 1) + " 条起）"},
                        actor, app.clock.now());
    return rows;
  });
}

}  // namespace

std::vector<store::LoginLogEntry> read_login_log(app::App& app, const domain::Actor& actor, const store::LogFilter& f, int limit, int offset,
                                                 std::int64_t& total) {
  return audited_read(app, actor, "login_log", f, offset, [&](store::Connection& c) { return store::find_login_log(c, f, limit, offset, total); });
}

std::vector<store::AuditLogEntry> read_audit_log(app::App& app, const domain::Actor& actor, const store::LogFilter& f, int limit, int offset,
                                                 std::int64_t& total) {
  return audited_read(app, actor, "audit_log", f, offset, [&](store::Connection& c) { return store::find_audit_log(c, f, limit, offset, total); });
}

void prune_logs(app::App& app) {
  const auto before = now_ms(app) - std::int64_t{app.tuned().accounts.log_retention_days} * kDayMs;
  app.db->write([&](store::Connection& c) {
    store::prune_login_log(c, before);
    store::prune_login_guards(c, before);
  });
}

}  // namespace qsm::service
