// Login, logout, the current user, password change, the login log.
#include <boost/json.hpp>

#include "api/dispatch.hpp"
#include "api/handlers.hpp"
#include "domain/clerk.hpp"
#include "domain/workflow/declaration.hpp"
#include "crypto/certificate.hpp"
#include "service/account_security.hpp"
#include "service/site_login.hpp"
#include "service/queries.hpp"
#include "domain/registry.hpp"
#include "domain/json_input.hpp"
#include "util/net.hpp"

namespace qsm::api::auth {
namespace {

std::string session_cookie(const Context& ctx, const std::string& token, bool clear = false) {
  std::string c = std::string(kSessionCookie) + "=" + (clear ? "" : token) + "; Path=/; HttpOnly; SameSite=Lax";
  c += clear ? "; Max-Age=0" : "; Max-Age=43200";
  // Secure on TLS, or when a trusted proxy says it terminated TLS.
  if (came_by_tls(ctx.req, ctx.app.settings)) c += "; Secure";
  return c;
}

boost::json::object me_json(const service::Session& s, app::App& app);

// The certificate of this request: from the TLS handshake, or from a trusted proxy's header.
crypto::PeerCertificate request_certificate(const app::App& app, const http::Request& req) {
  // Behind a TLS-terminating proxy the certificate arrives in a header, believed only from the proxy.
  if (!app.settings.trusted_proxies.empty() && net::ip_in_cidrs(req.peer_ip, app.settings.trusted_proxies))
    if (auto h = req.header(app.settings.proxy_cert_header); h && !h->empty())
      return crypto::verify_forwarded_certificate(*h, app.settings.client_ca, app.settings.certificate_field);
  return req.peer;
}

}  // namespace

// The answer of every login: the token (for API clients) plus the cookie (for browsers).
http::Response login_answer(Context& ctx, const service::Login& login) {
  auto session = service::authenticate(ctx.app, login.token, ctx.req.client_ip);
  auto res = json_response(boost::json::object{{"token", login.token}, {"me", me_json(*session, ctx.app)}});
  res.set_header("Set-Cookie", session_cookie(ctx, login.token));
  return res;
}

http::Response password_login(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  auto username = r.text("username", {.max = 64});
  auto password = r.text("password", {.max = 128});
  problems.throw_if_any("请输入用户名和密码");
  return login_answer(ctx, service::login_password(ctx.app, *username, *password, ctx.req.client_ip));
}

http::Response certificate_login(Context& ctx) {
  auto cert = request_certificate(ctx.app, ctx.req);
  return login_answer(ctx, service::login_with_certificate(ctx.app, cert, ctx.req.client_ip));
}

namespace {
struct SiteIdentity {
  std::string role, name, id_number;
};
SiteIdentity read_site_identity(domain::Problems& problems, json::FieldReader& r) {
  auto role = r.text("role", {.max = 20});
  auto name = r.text("name", {.max = 50});
  auto id = r.text("id_number", {.max = 18});
  if (role && *role != "site_contractor" && *role != "site_supervisor" && *role != "clerk")
    problems.add("$.role", "应为 site_contractor（施工总包项目负责人）、site_supervisor（监理项目负责人）或 clerk（企业办事员）");
  return {role.value_or(""), name.value_or(""), id.value_or("")};
}
}  // namespace

http::Response sms_code(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"role", "name", "id_number"});
  auto who = read_site_identity(problems, r);
  problems.throw_if_any("请填写完整的登录信息");
  auto sent = service::send_login_code(ctx.app, who.role, who.name, who.id_number, ctx.req.client_ip);
  const std::string message = who.role == "clerk" ? "若姓名、身份证号正确且为企业办事员，动态密码已发送至其在实名制系统登记的手机"
                                                   : "若姓名、身份证号正确且为项目负责人，动态密码已发送至其在实名制系统登记的手机";
  return json_response(boost::json::object{{"message", message},
                                           {"resend_after", sent.resend_after},
                                           {"expires_in", sent.expires_in}});
}

http::Response sms_login(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"role", "name", "id_number", "code"});
  auto who = read_site_identity(problems, r);
  auto code = r.text("code", {.max = 6});
  if (code && (code->size() != 6 || code->find_first_not_of("0123456789") != std::string::npos)) problems.add("$.code", "动态密码为 6 位数字");
  problems.throw_if_any("请填写完整的登录信息");
  return login_answer(ctx, service::login_with_code(ctx.app, who.role, who.name, who.id_number, *code, ctx.req.client_ip));
}

http::Response contracts(Context& ctx) {
  std::string report_no(ctx.req.query_param("report_no").value_or(""));
  if (report_no.size() > 40) throw Failure(Error::validation_failed, "合同信息报编号过长");
  boost::json::array items;
  for (const auto& c : service::session_contracts(ctx.app, *ctx.session, report_no)) {
    auto kind = domain::registry::contract_kind_from(c.kind);
    items.push_back(boost::json::object{
        {"id", c.id},
        {"report_no", c.report_no},
        {"kind", c.kind},
        {"kind_label", kind ? domain::registry::label(*kind) : ""},
        {"project", boost::json::object{{"id", c.project_id}, {"registration_no", c.registration_no}, {"name", c.project_name}, {"district", c.district}}},
        {"enterprise", boost::json::object{{"name", c.enterprise_name}}}});
  }
  return json_response(boost::json::object{{"items", std::move(items)}});
}

boost::json::object current_me(Context& ctx) {
  // Re-read: the call that just ran may have moved the session on (a setup step, a contract).
  ctx.session = service::authenticate(ctx.app, ctx.token, ctx.req.client_ip);
  if (!ctx.session) throw Failure(Error::unauthenticated);
  return me_json(*ctx.session, ctx.app);
}

http::Response choose_contract(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  auto id = r.integer("contract_id", 1, std::numeric_limits<std::int64_t>::max());
  problems.throw_if_any("请选择合同");
  service::choose_contract(ctx.app, *ctx.session, *id);
  // Re-read the session so the answer shows the chosen contract.
  ctx.session = service::authenticate(ctx.app, ctx.token, ctx.req.client_ip);
  return json_response(boost::json::object{{"me", me_json(*ctx.session, ctx.app)}});
}

http::Response logout(Context& ctx) {
  service::logout(ctx.app, *ctx.session);
  auto res = json_response(boost::json::object{{"ok", true}});
  res.set_header("Set-Cookie", session_cookie(ctx, "", true));
  return res;
}

http::Response me(Context& ctx) { return json_response(me_json(*ctx.session, ctx.app)); }

http::Response change_password(Context& ctx) {
  domain::Problems problems;
  auto body = ctx.body();
  json::FieldReader r(body, "$", problems);
  auto old_password = r.text("old_password", {.max = 128});
  auto new_password = r.text("new_password", {.max = 128});
  problems.throw_if_any("请填写原密码和新密码");
  service::change_password(ctx.app, *ctx.session, *old_password, *new_password);
  return json_response(boost::json::object{{"ok", true}, {"me", current_me(ctx)}});
}

namespace {

boost::json::object me_json(const service::Session& s, app::App& app) {
  const domain::Actor& a = s.actor;
  auto d = service::query::me(app, a);
  boost::json::object me{{"role", domain::to_string(a.role)},
                         {"role_label", domain::label(a.role)},
                         {"display_name", a.name},
                         {"login_method", s.login_method},
                         {"csrf_token", s.csrf_token},
                         {"enterprise", nullptr},
                         {"authority", nullptr},
                         {"contract", nullptr},
                         {"contract_pending", s.contract_pending},
                         {"setup", s.setup == domain::Setup::none ? boost::json::value(nullptr) : boost::json::value(domain::to_string(s.setup))}};
  if (a.account_id) {
    me["username"] = a.ref.substr(a.ref.find(':') + 1);
    // The account's second factor and its password's age (issue 21).
    const auto& policy = app.tuned().accounts;
    auto account = service::query::account(app, a.account_id);
    if (account) {
      const auto factor = service::second_factor_state(app, *account);
      me["username"] = account->username;
      me["second_factor"] = boost::json::object{
          {"enrolled", factor.enrolled}, {"required", policy.second_factor_required}, {"recovery_codes_left", factor.recovery_codes_left}};
      const auto expires = domain::password_expires_at(policy, account->password_changed_at);
      me["password_expires_at"] = expires ? boost::json::value(domain::format_instant(domain::from_millis(*expires))) : nullptr;
      me["password_expiry_warning"] =
          domain::password_expiry_warning(policy, account->password_changed_at, domain::to_millis(app.clock.now()));
      me["must_change_password"] = account->must_change_password;
    }
  }
  if (a.authority_id)
    me["authority"] = boost::json::object{{"id", a.authority_id}, {"code", d.authority_code}, {"name", a.organisation}, {"district", d.authority_district}};
  if (a.enterprise_id) me["enterprise"] = boost::json::object{{"id", a.enterprise_id}, {"name", a.organisation}, {"uscc", d.enterprise_uscc}};
  if (a.clerk_id) {
    // 企业办事员: what the pages may offer (the server checks every call again).
    boost::json::array actions;
    for (auto action : domain::clerk_actions_of(a.role))
      if (a.clerk_actions & domain::clerk_bit(action)) actions.emplace_back(domain::to_string(action));
    me["clerk"] = boost::json::object{{"id", a.clerk_id}, {"actions", std::move(actions)}};
  }
  if (a.person_id) me["enterprise"] = boost::json::object{{"name", a.organisation}};
  if (a.contract_id)
    me["contract"] = boost::json::object{{"id", a.contract_id},
                                         {"report_no", d.contract_report_no},
                                         {"kind", d.contract_kind},
                                         {"project_id", a.project_id},
                                         {"project_name", d.project_name},
                                         {"registration_no", d.project_registration_no},
                                         // Why a site user's lists may be empty (issue 26): no declaration yet, or not accepted yet.
                                         {"declaration", d.declaration_status
                                                             ? boost::json::value(boost::json::object{
                                                                   {"status", *d.declaration_status},
                                                                   {"status_label", domain::declaration::state_label(*d.declaration_status)}})
                                                             : boost::json::value(nullptr)}};
  return me;
}

}  // namespace
}  // namespace qsm::api::auth
