// The administration console (issue 27): 用户管理 (the system administrator's accounts), 在线用户
// with 强退, 参数设置. Handlers read and check the request, call the service, shape the answer.
#include <boost/json.hpp>

#include "api/dispatch.hpp"
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "domain/json_input.hpp"
#include "service/account_security.hpp"
#include "service/admin_service.hpp"
#include "service/reminder_service.hpp"
#include "util/json.hpp"

namespace qsm::api::admin {
namespace {

boost::json::object user_json(const service::AccountView& v) {
  const auto& r = v.row;
  const auto role = domain::role_from(v.session_role);
  boost::json::object o{{"id", r.id},
                        {"username", r.username},
                        {"name", r.display_name},
                        {"role", v.session_role},
                        {"role_label", role ? domain::label(*role) : ""},
                        {"authority", nullptr},
                        {"disabled", r.disabled},
                        {"locked", v.locked_until != 0},
                        {"locked_until", v.locked_until ? boost::json::value(instant_text(v.locked_until)) : nullptr},
                        {"must_change_password", r.must_change_password},
                        {"second_factor", r.second_factor},
                        {"sessions", r.live_sessions},
                        {"last_login_at", instant_text(r.last_login_at)},
                        {"created_at", instant_text(r.created_at)}};
  if (r.authority_code) o["authority"] = boost::json::object{{"code", *r.authority_code}, {"name", r.authority_name.value_or("")}};
  return o;
}

// ?q= (≤ 50 characters) and ?role= (a role's code) of the two lists.
std::pair<std::string, std::string> q_and_role(const http::Request& req, domain::Problems& problems) {
  std::string q, role;
  if (auto v = req.query_param("q")) {
    if (json::utf8_length(*v) > 50) problems.add("q", "关键字不能超过 50 个字符");
    q = *v;
  }
  if (auto v = req.query_param("role"); v && !v->empty()) {
    if (!domain::role_from(*v)) problems.add("role", "没有这个角色");
    role = *v;
  }
  return {q, role};
}

}  // namespace

http::Response list_users(Context& ctx) {
  domain::Problems problems;
  auto p = paging(ctx.req);
  auto [q, role] = q_and_role(ctx.req, problems);
  std::string status;
  if (auto v = ctx.req.query_param("status"); v && !v->empty()) {
    if (*v != "enabled" && *v != "disabled" && *v != "locked") problems.add("status", "应为 enabled、disabled 或 locked");
    status = *v;
  }
  problems.throw_if_any("查询条件有误");
  auto page = service::list_users(ctx.app, {q, role, status, p.page_size, (p.page - 1) * p.page_size});
  boost::json::array items;
  for (const auto& v : page.items) items.push_back(user_json(v));
  auto res = json_response(page_json(std::move(items), page.total, p));
  res.keepable = false;
  return res;
}

http::Response list_authorities(Context& ctx) {
  boost::json::array items;
  for (const auto& a : service::authorities(ctx.app)) items.push_back(boost::json::object{{"code", a.code}, {"name", a.name}, {"district", a.district}});
  return json_response(boost::json::object{{"items", std::move(items)}});
}

http::Response create_user(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"username", "name", "role", "authority_code", "password"});
  // Read without `required`: the service checks every field and answers all problems at once.
  auto username = r.text("username", {.max = 32, .required = false});
  auto name = r.text("name", {.max = 50, .required = false});
  auto role_text = r.text("role", {.max = 20, .required = false});
  auto authority = r.text("authority_code", {.max = 20, .required = false});
  auto password = r.text("password", {.max = 128, .required = false});
  service::NewUser user{username.value_or(""), name.value_or(""), domain::Role::authority, authority.value_or(""), password.value_or("")};
  const auto role = domain::role_from(role_text.value_or(""));
  if (role) user.role = *role;
  else problems.add("$.role", "请选择角色：监督机构用户、系统管理员、安全管理员或审计管理员");
  auto v = service::create_user(ctx.app, ctx.actor(), user, std::move(problems));
  return json_response(user_json(v), 201);
}

http::Response update_user(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"name", "disabled", "authority_code"});
  service::UserChange change;
  change.name = r.text("name", {.max = 50, .required = false});
  change.authority_code = r.text("authority_code", {.max = 20, .required = false});
  change.disabled = r.boolean("disabled", false);
  problems.throw_if_any("请按提示修改");
  return json_response(user_json(service::update_user(ctx.app, ctx.actor(), ctx.id("id"), change)));
}

http::Response unlock_user(Context& ctx) {
  service::unlock_account(ctx.app, ctx.actor(), ctx.id("id"));
  return json_response(boost::json::object{{"ok", true}});
}

http::Response reset_user_password(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"password"});
  auto password = r.text("password", {.max = 128});
  problems.throw_if_any("请输入新密码");
  service::set_user_password(ctx.app, ctx.actor(), ctx.id("id"), *password);
  return json_response(boost::json::object{{"ok", true}});
}

http::Response list_sessions(Context& ctx) {
  domain::Problems problems;
  auto p = paging(ctx.req);
  auto [q, role] = q_and_role(ctx.req, problems);
  problems.throw_if_any("查询条件有误");
  auto page = service::list_live_sessions(ctx.app, q, role, p.page_size, (p.page - 1) * p.page_size);
  boost::json::array items;
  for (const auto& s : page.items) {
    const auto r = domain::role_from(s.role);
    items.push_back(boost::json::object{{"id", s.id},
                                        {"role", s.role},
                                        {"role_label", r ? domain::label(*r) : ""},
                                        {"who", s.who},
                                        {"organisation", s.organisation},
                                        {"login_method", s.login_method},
                                        {"login_method_label", login_method_label(s.login_method)},
                                        {"ip", s.ip},
                                        {"created_at", instant_text(s.created_at)},
                                        {"last_seen_at", instant_text(s.last_seen_at)},
                                        {"current", s.id == ctx.session->id},
                                        {"account_id", s.account_id ? boost::json::value(*s.account_id) : nullptr}});
  }
  auto res = json_response(page_json(std::move(items), page.total, p));
  res.keepable = false;
  return res;
}

http::Response end_session(Context& ctx) {
  service::end_session(ctx.app, ctx.actor(), ctx.session->id, ctx.id("id"));
  return json_response(boost::json::object{{"ok", true}});
}

http::Response end_account_sessions(Context& ctx) {
  const auto account = positive_query_param(ctx, "account_id", "请指定账号（account_id）");
  return json_response(boost::json::object{{"ended", service::end_sessions_of(ctx.app, ctx.actor(), ctx.session->id, account)}});
}

namespace {

boost::json::value setting_value(const domain::Tunables& t, std::string_view name) {
  const auto text = domain::tunable_text(t, name);
  if (name == "submit_deadline_day") return t.deadlines.submit_day;
  if (name == "review_deadline_day") return t.deadlines.review_day;
  if (name == "grade_excellent") return t.grades.excellent.to_double();
  if (name == "grade_qualified") return t.grades.qualified.to_double();
  if (name == "agreement_threshold") return t.agreement_threshold.to_double();
  if (name == "session_idle_minutes") return t.session_idle_minutes;
  if (name == "session_absolute_hours") return t.session_absolute_hours;
  if (name == "export_row_limit") return t.export_row_limit;
  if (name == "password_max_age_days") return t.accounts.password_max_age_days;
  if (name == "max_sessions_per_account") return t.accounts.max_sessions_per_account;
  if (name == "log_retention_days") return t.accounts.log_retention_days;
  return boost::json::value(text);
}

http::Response settings_answer(app::App& app, const domain::Tunables& t) {
  boost::json::object o;
  for (const auto& info : domain::tunable_infos()) o[info.name] = setting_value(t, info.name);
  // Beside the values: each setting's label, range, and who changed it last and when.
  boost::json::object meta;
  const auto rows = service::setting_rows(app);
  for (const auto& info : domain::tunable_infos()) {
    boost::json::object m{{"label", info.label}, {"range", info.range}, {"updated_at", ""}, {"updated_by", ""}};
    for (const auto& r : rows)
      if (r.name == info.name) {
        m["updated_at"] = instant_text(r.updated_at);
        m["updated_by"] = r.updated_by;
      }
    meta[info.name] = std::move(m);
  }
  o["meta"] = std::move(meta);
  auto res = json_response(o);
  res.keepable = false;
  return res;
}

}  // namespace

http::Response get_settings(Context& ctx) {
  service::refresh_tunables(ctx.app);
  return settings_answer(ctx.app, ctx.app.tuned());
}

http::Response put_settings(Context& ctx) {
  auto body = ctx.body();
  if (!body.is_object()) throw Failure(Error::bad_request, "请求体应为 JSON 对象");
  domain::Problems problems;
  std::vector<std::pair<std::string, std::string>> changes;
  for (const auto& [key, value] : body.as_object()) {
    const std::string name(key);
    // Numbers as JSON numbers or text; the rest as text. The domain decides what each accepts.
    if (value.is_string()) {
      if (json::utf8_length(value.as_string()) > 200) problems.add(name, "不能超过 200 个字符");
      else changes.emplace_back(name, std::string(value.as_string()));
    } else if (value.is_int64() || value.is_uint64() || value.is_double()) {
      changes.emplace_back(name, boost::json::serialize(value));
    } else {
      problems.add(name, "应为数字或文本");
    }
  }
  if (changes.empty() && problems.empty()) problems.add("$", "请至少修改一个参数");
  problems.throw_if_any("参数有误，请按提示修改");
  return settings_answer(ctx.app, service::change_settings(ctx.app, ctx.actor(), changes));
}

// ── 定时任务 ──────────────────────────────────────────────────────────────────────────────────────
namespace {

// The one job there is: the daily reminders (any other name is 404).
void the_reminder_job(const Context& ctx) {
  if (ctx.param("name") != service::kReminderJob) throw Failure(Error::not_found, "没有这个定时任务");
}

boost::json::object run_json(const store::JobRun& r) {
  return {{"id", r.id},
          {"day", r.day},
          {"started_by", r.started_by},
          {"holder", r.holder},
          {"started_at", instant_text(r.started_at)},
          {"finished_at", r.finished_at ? instant_text(*r.finished_at) : std::string()},
          {"sent", r.sent},
          {"failed", r.failed}};
}

boost::json::object job_json(app::App& app) {
  const auto s = service::reminder_job_state(app);
  std::string schedule = s.at ? "每日 " + domain::clock_time_text(s.at) + "（上海时间）起，当日一次" : "已关闭（参数设置：逾期提醒短信发送时间为 off）";
  boost::json::object o{{"name", service::kReminderJob},
                        {"label", "逾期提醒短信"},
                        {"description", "向逾期未提交自评、复核的项目负责人和逾期未回复的整改指令单发送提醒短信；同一事项每天至多一条"},
                        {"schedule", schedule},
                        {"reminder_time", domain::clock_time_text(s.at)},
                        {"paused", s.paused},
                        {"today_done", s.today_done},
                        {"runs", s.runs},
                        {"last_run", s.last ? boost::json::value(run_json(*s.last)) : nullptr}};
  return o;
}

}  // namespace

http::Response list_jobs(Context& ctx) {
  auto res = json_response(boost::json::object{{"items", boost::json::array{job_json(ctx.app)}}});
  res.keepable = false;
  return res;
}

http::Response job_runs(Context& ctx) {
  the_reminder_job(ctx);
  auto p = paging(ctx.req);
  std::int64_t total = 0;
  boost::json::array items;
  for (const auto& r : service::reminder_job_runs(ctx.app, p.page_size, (p.page - 1) * p.page_size, total)) items.push_back(run_json(r));
  auto res = json_response(page_json(std::move(items), total, p));
  res.keepable = false;
  return res;
}

http::Response run_job(Context& ctx) {
  the_reminder_job(ctx);
  auto run = service::run_reminders_now(ctx.app, ctx.actor());
  return json_response(boost::json::object{{"id", run.id}, {"sent", run.sent}, {"failed", run.failed}, {"job", job_json(ctx.app)}});
}

http::Response pause_job(Context& ctx) {
  the_reminder_job(ctx);
  service::pause_reminders(ctx.app, ctx.actor(), true);
  return json_response(job_json(ctx.app));
}

http::Response resume_job(Context& ctx) {
  the_reminder_job(ctx);
  service::pause_reminders(ctx.app, ctx.actor(), false);
  return json_response(job_json(ctx.app));
}

}  // namespace qsm::api::admin
