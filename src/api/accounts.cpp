// Account security (issue 21): the login's second factor, enrolling one, the accounts of the
// security administrator and the system administrator, the auditor's logs, the policy in force.
#include <boost/json.hpp>

#include "api/dispatch.hpp"
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "service/account_security.hpp"
#include "domain/json_input.hpp"
#include "domain/registry.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"
#include "util/json.hpp"

namespace qsm::api::accounts {
namespace {

// The auditor's filters: from/to are Shanghai dates (to inclusive), who ≤ 50 characters.
store::LogFilter log_filter(const http::Request& req, bool with_entity) {
  domain::Problems problems;
  store::LogFilter f;
  if (auto v = req.query_param("success"); v && !v->empty()) {
    if (*v == "true") f.success = true;
    else if (*v == "false") f.success = false;
    else problems.add("success", "应为 true 或 false");
  }
  auto text = [&](const char* key, std::size_t max, std::string& out) {
    if (auto v = req.query_param(key)) {
      if (json::utf8_length(*v) > max) problems.add(key, "不能超过 " + std::to_string(max) + " 个字符");
      out = *v;
    }
  };
  text("who", 50, f.who);
  if (!with_entity) {
    text("ip", 45, f.ip);
    if (!f.ip.empty() && f.ip.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos) problems.add("ip", "地址只能包含数字、字母 a–f、点和冒号");
    if (auto v = req.query_param("method"); v && !v->empty()) {
      if (*v != "password" && *v != "certificate" && *v != "sms" && *v != "second_factor" && *v != "logout")
        problems.add("method", "应为 password、certificate、sms、second_factor 或 logout");
      f.method = *v;
    }
  }
  if (with_entity) {
    text("entity", 40, f.entity);
    text("action", 40, f.action);
    text("district", 10, f.district);
    if (!f.district.empty() && !domain::registry::is_shanghai_district(f.district)) problems.add("district", "所在区应为上海市的区之一（如 黄浦区）");
  }
  auto date = [&](const char* key, int add_days) -> std::optional<std::int64_t> {
    auto v = req.query_param(key);
    if (!v || v->empty()) return std::nullopt;
    auto d = domain::parse_date(*v);
    if (!d) {
      problems.add(key, "日期格式应为 YYYY-MM-DD");
      return std::nullopt;
    }
    return domain::to_millis(domain::shanghai_time(std::chrono::year_month_day{std::chrono::sys_days(*d) + std::chrono::days(add_days)}));
  };
  f.from_ms = date("from", 0);
  f.to_ms = date("to", 1);
  problems.throw_if_any("查询条件有误");
  return f;
}

boost::json::object account_json(const service::AccountView& v) {
  const auto& r = v.row;
  const auto role = domain::role_from(v.session_role);
  boost::json::object o{{"id", r.id},
                        {"username", r.username},
                        {"display_name", r.display_name},
                        {"role", v.session_role},
                        {"role_label", role ? domain::label(*role) : ""},
                        {"authority", nullptr},
                        {"second_factor", r.second_factor},
                        {"locked", v.locked_until != 0},
                        {"locked_until", v.locked_until ? boost::json::value(instant_text(v.locked_until)) : nullptr},
                        {"must_change_password", r.must_change_password},
                        {"password_changed_at", instant_text(r.password_changed_at)},
                        {"sessions", r.live_sessions}};
  if (r.authority_code) o["authority"] = boost::json::object{{"code", *r.authority_code}, {"name", r.authority_name.value_or("")}};
  return o;
}

// The auditor's reads are each recorded: never answered from the kept answers.
http::Response audited_answer(boost::json::object page) {
  auto res = json_response(page);
  res.keepable = false;
  return res;
}

}  // namespace

http::Response verify_second_factor(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"code", "recovery_code"});
  auto code = r.text("code", {.max = 6, .required = false});
  auto recovery = r.text("recovery_code", {.max = 20, .required = false});
  if (!code && !recovery) problems.add("$.code", "请输入身份验证器 App 显示的 6 位动态口令，或一个恢复码");
  if (code && (code->size() != 6 || code->find_first_not_of("0123456789") != std::string::npos)) problems.add("$.code", "动态口令为 6 位数字");
  problems.throw_if_any("请输入动态口令");
  service::verify_second_factor(ctx.app, *ctx.session, code.value_or(""), recovery.value_or(""));
  return json_response(boost::json::object{{"me", auth::current_me(ctx)}});
}

http::Response enrol(Context& ctx) {
  auto e = service::begin_enrolment(ctx.app, *ctx.session);
  boost::json::array rows;
  for (const auto& row : e.qr_rows) rows.emplace_back(row);
  return json_response(boost::json::object{{"secret", e.secret_base32},
                                           {"otpauth_uri", e.otpauth_uri},
                                           {"qr", boost::json::object{{"size", e.qr_rows.size()}, {"rows", std::move(rows)}}}});
}

http::Response confirm(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"code"});
  auto code = r.text("code", {.max = 6});
  if (code && (code->size() != 6 || code->find_first_not_of("0123456789") != std::string::npos)) problems.add("$.code", "动态口令为 6 位数字");
  problems.throw_if_any("请输入身份验证器 App 显示的 6 位动态口令");
  auto codes = service::confirm_enrolment(ctx.app, *ctx.session, *code);
  boost::json::array list;
  for (const auto& c : codes) list.emplace_back(c);
  return json_response(boost::json::object{{"recovery_codes", std::move(list)}, {"me", auth::current_me(ctx)}});
}

http::Response list(Context& ctx) {
  boost::json::array items;
  for (const auto& a : service::list_accounts(ctx.app)) items.push_back(account_json(a));
  return json_response(boost::json::object{{"items", std::move(items)}});
}

http::Response unlock(Context& ctx) {
  service::unlock_account(ctx.app, ctx.actor(), ctx.id("id"));
  return json_response(boost::json::object{{"ok", true}});
}

http::Response reset_second_factor(Context& ctx) {
  service::reset_second_factor(ctx.app, ctx.actor(), ctx.id("id"));
  return json_response(boost::json::object{{"ok", true}});
}

http::Response end_sessions(Context& ctx) {
  return json_response(boost::json::object{{"ended", service::end_account_sessions(ctx.app, ctx.actor(), ctx.id("id"))}});
}

http::Response reset_password(Context& ctx) {
  return json_response(boost::json::object{{"password", service::reset_password(ctx.app, ctx.actor(), ctx.id("id"))}});
}

http::Response login_log(Context& ctx) {
  auto p = paging(ctx.req);
  auto f = log_filter(ctx.req, false);
  std::int64_t total = 0;
  boost::json::array items;
  for (const auto& r : service::read_login_log(ctx.app, ctx.actor(), f, p.page_size, (p.page - 1) * p.page_size, total))
    items.push_back(boost::json::object{{"id", r.id},
                                        {"at", instant_text(r.at)},
                                        {"method", r.method},
                                        {"method_label", login_method_label(r.method)},
                                        {"who", r.who},
                                        {"ip", r.ip},
                                        {"success", r.success},
                                        {"reason", r.reason}});
  return audited_answer(page_json(std::move(items), total, p));
}

namespace {

// The title row's conditions of a log export, in the page's words.
std::string log_conditions(const store::LogFilter& f) {
  std::vector<std::pair<std::string, std::string>> parts{
      {"用户", f.who}, {"所在区", f.district}, {"地址", f.ip}, {"方式", std::string(login_method_label(f.method))}, {"对象", f.entity}, {"操作", f.action},
      {"结果", f.success ? (*f.success ? "成功" : "失败") : ""},
      {"自", f.from_ms ? domain::format_instant(domain::from_millis(*f.from_ms)).substr(0, 10) : ""},
      // to_ms is the start of the day after the last one asked for: the title names that last day.
      {"至", f.to_ms ? domain::format_instant(domain::from_millis(*f.to_ms - 1)).substr(0, 10) : ""}};
  std::string out;
  for (const auto& [label, value] : parts)
    if (!value.empty()) out += (out.empty() ? "" : "；") + label + " " + value;
  return out;
}

print::XlsxSheet log_sheet(const Context& ctx, std::string name, const store::LogFilter& f, std::vector<print::XlsxColumn> columns) {
  print::XlsxSheet sheet;
  sheet.name = std::move(name);
  sheet.conditions = log_conditions(f);
  sheet.exported_at_ms = domain::to_millis(ctx.app.clock.now());
  sheet.columns = std::move(columns);
  sheet.row_limit = static_cast<std::size_t>(ctx.app.tuned().export_row_limit);
  return sheet;
}

}  // namespace

// GET /api/admin/login-log/export.xlsx — the filtered login log (each export an audited read).
http::Response login_log_export(Context& ctx) {
  auto f = log_filter(ctx.req, false);
  auto sheet = log_sheet(ctx, "登录日志", f, {{"时间", 20}, {"方式", 14}, {"用户", 30}, {"地址", 18}, {"结果", 8}, {"说明", 30}});
  std::int64_t total = 0;
  // One row over the limit reads as "too many" (write_xlsx refuses it with the message to narrow the conditions).
  const auto rows = service::read_login_log(ctx.app, ctx.actor(), f, static_cast<int>(sheet.row_limit) + 1, 0, total);
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    for (const auto& r : rows)
      add({print::time_cell(r.at), std::string(login_method_label(r.method)), r.who, r.ip, r.success ? "成功" : "失败", r.reason});
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"login-log.xlsx\"; filename*=UTF-8''%E7%99%BB%E5%BD%95%E6%97%A5%E5%BF%97.xlsx");
}

// GET /api/admin/audit-log/export.xlsx — the filtered audit log, for the auditor (an audited read too).
http::Response audit_log_export(Context& ctx) {
  auto f = log_filter(ctx.req, true);
  auto sheet = log_sheet(ctx, "审计日志", f,
                         {{"时间", 20}, {"对象", 14}, {"编号", 10}, {"操作", 16}, {"原状态", 12}, {"新状态", 12},
                          {"操作人", 20}, {"角色", 14}, {"单位", 30}, {"说明", 40}, {"地址", 18}});
  std::int64_t total = 0;
  const auto rows = service::read_audit_log(ctx.app, ctx.actor(), f, static_cast<int>(sheet.row_limit) + 1, 0, total);
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    for (const auto& r : rows) {
      const auto role = domain::role_from(r.actor_role);
      const auto labels = declarations::audit_labels(r.entity, r.action, r.from_state, r.to_state);
      add({print::time_cell(r.at), std::string(labels.entity), print::count_cell(r.entity_id), std::string(labels.action),
           std::string(labels.from.value_or("")), std::string(labels.to.value_or("")), r.actor_name,
           std::string(role ? domain::label(*role) : ""), r.organisation, r.opinion.value_or(""), r.ip});
    }
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"audit-log.xlsx\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.xlsx");
}

http::Response audit_log(Context& ctx) {
  auto p = paging(ctx.req);
  auto f = log_filter(ctx.req, true);
  std::int64_t total = 0;
  boost::json::array items;
  auto opt = [](const std::optional<std::string>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); };
  for (const auto& r : service::read_audit_log(ctx.app, ctx.actor(), f, p.page_size, (p.page - 1) * p.page_size, total)) {
    const auto role = domain::role_from(r.actor_role);
    const auto labels = declarations::audit_labels(r.entity, r.action, r.from_state, r.to_state);
    auto opt_label = [](const std::optional<std::string_view>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); };
    items.push_back(boost::json::object{{"id", r.id},
                                        {"at", instant_text(r.at)},
                                        {"entity", r.entity},
                                        {"entity_label", labels.entity},
                                        {"entity_id", r.entity_id},
                                        {"action", r.action},
                                        {"action_label", labels.action},
                                        {"from_state", opt(r.from_state)},
                                        {"from_label", opt_label(labels.from)},
                                        {"to_state", opt(r.to_state)},
                                        {"to_label", opt_label(labels.to)},
                                        {"actor_role", r.actor_role},
                                        {"actor_role_label", role ? domain::label(*role) : ""},
                                        {"actor_name", r.actor_name},
                                        {"organisation", r.organisation},
                                        {"opinion", opt(r.opinion)},
                                        {"ip", r.ip}});
  }
  return audited_answer(page_json(std::move(items), total, p));
}

http::Response security_policy(Context& ctx) {
  const auto& p = ctx.app.tuned().accounts;
  return json_response(boost::json::object{{"second_factor", p.second_factor_required ? "required" : "optional"},
                                           {"password_max_age_days", p.password_max_age_days},
                                           {"password_warning_days", p.password_warning_days},
                                           {"max_sessions_per_account", p.max_sessions_per_account},
                                           {"lockout_failures", service::kMaxPasswordFailures},
                                           {"lockout_minutes", std::chrono::duration_cast<std::chrono::minutes>(service::kLockout).count()},
                                           {"log_retention_days", p.log_retention_days},
                                           {"audit_retention", "永久保存（应用从不删除审计记录）"}});
}

}  // namespace qsm::api::accounts
