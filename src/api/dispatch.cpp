// Request dispatch.
#include "api/dispatch.hpp"

#include <arpa/inet.h>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "api/context.hpp"
#include "domain/clerk.hpp"
#include "service/queries.hpp"
#include "util/json.hpp"
#include "util/net.hpp"

namespace qsm::api {
namespace {

bool is_state_changing(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// Scripts only from this origin (the built UI has no inline script), never framed, no plugins.
// Styles allow inline attributes: the component library positions popups with them.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

void add_security_headers(http::Response& r) {
  r.set_header("Content-Security-Policy", kContentSecurityPolicy);
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "same-origin");
}

// serve --http-redirect: the same target on the HTTPS port of the host the browser asked for (a
// host name or address of plain characters, else localhost), permanently, method and body kept.
http::Response https_redirect(const http::Request& req, int port) {
  std::string host(req.header("host").value_or("localhost"));
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
  } else if (auto colon = host.find(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  const bool plain = is_plain_host(host);
  http::Response r;
  r.status = 308;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "请使用 HTTPS 访问";
  r.set_header("Location", "https://" + (plain ? host : std::string("localhost")) + ":" + std::to_string(port) + req.target);
  return r;
}

// Behind a trusted proxy the client's address is the one the proxy forwards: X-Real-IP, else the
// last X-Forwarded-For entry (the one the proxy appended). peer_ip keeps the proxy's own address for
// the decisions that trust the proxy itself (forwarded certificate, X-Forwarded-Proto).
void take_forwarded_address(http::Request& req, const std::vector<std::string>& trusted) {
  if (trusted.empty() || !net::ip_in_cidrs(req.peer_ip, trusted)) return;
  std::string_view forwarded;
  if (auto real = req.header("x-real-ip")) {
    forwarded = *real;
  } else if (auto chain = req.header("x-forwarded-for")) {
    auto comma = chain->rfind(',');
    forwarded = comma == std::string_view::npos ? *chain : chain->substr(comma + 1);
  }
  while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
  while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
  if (forwarded.empty() || forwarded.size() > 45) return;
  std::string text(forwarded);
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1) req.client_ip = std::move(text);
}

// The session token: a Bearer header (API clients, no CSRF needed) or the cookie (browsers).
std::optional<std::string> token_of(const http::Request& req, bool& from_cookie) {
  from_cookie = false;
  if (auto h = req.header("authorization"); h && h->rfind("Bearer ", 0) == 0) return std::string(h->substr(7));
  if (auto c = req.cookie(kSessionCookie)) {
    from_cookie = true;
    return std::string(*c);
  }
  return std::nullopt;
}

// A password login with a setup step left may do that step and nothing else (besides /api/me and
// logout); the refusal says what is left.
void admit_setup(domain::Permission p, domain::Setup setup) {
  using domain::Permission;
  using domain::Setup;
  if (setup == Setup::none || p == Permission::session) return;
  const bool allowed = (setup == Setup::second_factor && p == Permission::second_factor_verify) ||
                       (setup == Setup::change_password && p == Permission::password_change) ||
                       (setup == Setup::enrol_second_factor && p == Permission::second_factor_manage);
  if (allowed) return;
  const char* message = setup == Setup::second_factor     ? "请先输入动态口令完成登录"
                        : setup == Setup::change_password ? "请先修改密码（初始密码、重置密码或已过期的密码须修改后才能使用系统）"
                                                          : "请先绑定动态口令（第二重身份验证）";
  throw Failure(Error::forbidden, message, boost::json::object{{"setup", domain::to_string(setup)}});
}

// What every non-open route checks once the session is known: the CSRF token of a cookie session's
// state change, a site user's chosen contract, and the role's permission.
void admit(const Route& route, const http::Request& req, const service::Session& session, bool from_cookie) {
  // Cookies ride along on cross-site requests; a state change must also prove it read /api/me.
  if (from_cookie && is_state_changing(req.method)) {
    auto sent = req.header("x-csrf-token");
    if (!sent || *sent != session.csrf_token) throw Failure(Error::csrf_failed);
  }
  if (session.contract_pending && route.permission != domain::Permission::session)
    throw Failure(Error::forbidden, "请先选择合同（施工总包合同或监理合同）");
  admit_setup(route.permission, session.setup);
  if (!role_may_call(route, session.actor.role)) throw Failure(Error::forbidden);
  if (session.actor.clerk_id && !domain::clerk_may(session.actor.role, session.actor.clerk_actions, route.permission))
    throw Failure(Error::forbidden, "您未被授予此项业务，请联系本企业的证书管理员");
}

// Answers are kept per session (never shared between callers) and exact target.
std::string cache_key(const service::Session& session, const http::Request& req) {
  return std::to_string(session.id) + ' ' + req.target;
}

// JSON answers, unless the handler said otherwise (a read that is itself recorded, like the
// auditor's: a kept answer would skip its record).
bool cacheable(const http::Response& res) {
  return res.status == 200 && res.keepable && res.content_type.rfind("application/json", 0) == 0;
}

void count(const http::Response& res) {
  Metrics& m = metrics();
  ++m.requests;
  (res.status < 300 ? m.status_2xx : res.status < 400 ? m.status_3xx : res.status < 500 ? m.status_4xx : m.status_5xx)++;
}

// Patterns are split once; matching is then a walk over segments.
const std::vector<http::PathPattern>& patterns() {
  static const std::vector<http::PathPattern> compiled = [] {
    std::vector<http::PathPattern> out;
    for (const Route& r : routes()) out.emplace_back(r.pattern);
    return out;
  }();
  return compiled;
}

}  // namespace

Metrics& metrics() {
  static Metrics m;
  return m;
}

Api::Api(app::App& app, std::shared_ptr<const http::StaticFiles> web, bool response_cache) : app_(app), web_(std::move(web)) {
  if (response_cache && app_.db->data_version()) {
    responses_ = std::make_shared<ResponseCache>();
    metrics().response_cache = true;
  }
}

const Route* find_route(std::string_view method, std::string_view path, http::PathParams& params, bool& path_matched) {
  path_matched = false;
  auto all = routes();
  for (std::size_t i = 0; i < all.size(); ++i) {
    http::PathParams p;
    if (!patterns()[i].match(path, p)) continue;
    path_matched = true;
    if (all[i].method == method) {
      params = std::move(p);
      return &all[i];
    }
  }
  return nullptr;
}

std::size_t Api::body_limit(const http::Request& req) const {
  http::PathParams ignored;
  bool path_matched = false;
  const Route* r = find_route(req.method, req.path, ignored, path_matched);
  return r ? r->max_body : 1 << 20;
}

bool Api::heavy(const http::Request& req) const {
  http::PathParams ignored;
  bool path_matched = false;
  const Route* r = find_route(req.method, req.path, ignored, path_matched);
  return r && r->heavy;
}

std::optional<http::Response> Api::too_large(const http::Request& req) const {
  http::PathParams ignored;
  bool path_matched = false;
  const Route* r = find_route(req.method, req.path, ignored, path_matched);
  if (!r || r->too_large.empty()) return std::nullopt;
  auto res = error_response(Error::payload_too_large, std::string(r->too_large), {});
  add_security_headers(res);
  count(res);
  return res;
}

std::optional<http::Response> Api::refuse_large_body(http::Request& req) {
  http::PathParams ignored;
  bool path_matched = false;
  const Route* found = find_route(req.method, req.path, ignored, path_matched);
  if (!found || found->permission == domain::Permission::open) return std::nullopt;
  try {
    take_forwarded_address(req, app_.settings.trusted_proxies);
    bool from_cookie = false;
    auto token = token_of(req, from_cookie);
    std::optional<service::Session> session;
    if (token) session = service::authenticate(app_, *token, req.client_ip);
    if (!session) throw Failure(Error::unauthenticated, token ? "登录已过期，请重新登录" : "请先登录");
    admit(*found, req, *session, from_cookie);
    return std::nullopt;
  } catch (const Failure& f) {
    auto res = error_response(f.error(), f.what(), f.details());
    add_security_headers(res);
    count(res);
    return res;
  } catch (const std::exception& e) {
    spdlog::error("rid={} checking a large upload: {}", req.request_id, e.what());
    auto res = error_response(Error::unavailable, "暂时无法校验登录，请稍后重试", {});
    add_security_headers(res);
    return res;
  }
}

http::Response Api::handle(http::Request& req) {
  const auto started = std::chrono::steady_clock::now();
  http::Response res;
  const Route* matched = nullptr;  // set by route() once the request's route is known
  try {
    take_forwarded_address(req, app_.settings.trusted_proxies);
    if (app_.settings.https_redirect_port > 0 && !came_by_tls(req, app_.settings)) {
      res = https_redirect(req, app_.settings.https_redirect_port);
      add_security_headers(res);
      count(res);
      return res;
    }
    res = route(req, matched);
  } catch (const Failure& f) {
    res = error_response(f.error(), f.what(), f.details());
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::unique_violation) {
      res = error_response(Error::conflict, "记录已存在或已被他人修改，请刷新后重试", {});
    } else if (e.kind() == store::DbError::Kind::busy) {
      res = error_response(Error::conflict, "记录正被他人修改，请稍后重试", {});
    } else {
      spdlog::error("rid={} database error: {}", req.request_id, e.what());
      res = error_response(e.kind() == store::DbError::Kind::connection ? Error::unavailable : Error::internal,
                           std::string(info(Error::internal).message) + "（请求编号 " + req.request_id + "）", {});
    }
  } catch (const std::exception& e) {
    // The detail goes to the log with the request id; the client gets the code and the id.
    spdlog::error("rid={} unhandled: {}", req.request_id, e.what());
    res = error_response(Error::internal, std::string(info(Error::internal).message) + "（请求编号 " + req.request_id + "）", {});
  }
  if (matched && matched->min_latency.count() > 0 && (res.status >= 400 || matched->slow_success))
    res.not_before = started + matched->min_latency;
  if (app_.settings.https_redirect_port > 0 && req.tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
  add_security_headers(res);
  count(res);
  return res;
}

std::optional<http::Response> Api::cached(const http::Request& req) {
  if (!responses_ || req.method != "GET" || req.path.rfind("/api/", 0) != 0) return std::nullopt;
  if (app_.settings.https_redirect_port > 0 && !req.tls) return std::nullopt;  // handle() redirects it
  try {
    bool path_matched = false;
    http::PathParams params;
    const Route* found = find_route(req.method, req.path, params, path_matched);
    if (!found || found->permission == domain::Permission::open) return std::nullopt;
    bool from_cookie = false;
    auto token = token_of(req, from_cookie);
    if (!token) return std::nullopt;
    auto session = service::authenticate_cached(app_, *token);
    if (!session) return std::nullopt;
    admit(*found, req, *session, from_cookie);
    auto hit = responses_->get(cache_key(*session, req), app_.db->data_version().value_or(0));
    if (!hit) return std::nullopt;
    ++metrics().response_cache_hits;
    http::Response res = *hit;
    add_security_headers(res);
    count(res);
    return res;
  } catch (...) {
    return std::nullopt;  // the full path answers, with the error if there is one
  }
}

http::Response Api::route(http::Request& req, const Route*& matched) {
  const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/metrics" || req.path.rfind("/verify/", 0) == 0;
  if (!api) {
    if (web_)
      if (auto r = web_->serve(req)) return *r;
    throw Failure(Error::not_found, "页面不存在");
  }
  bool path_matched = false;
  http::PathParams params;
  const Route* found = find_route(req.method, req.path, params, path_matched);
  matched = found;
  if (!found) {
    if (path_matched) throw Failure(Error::method_not_allowed);
    throw Failure(Error::not_found, json::is_plain_text(req.path) && req.path.size() <= 200 ? "接口不存在：" + req.path : "接口不存在");
  }
  // Query and path text reaches statements: it must be text (UTF-8, no control characters).
  for (const auto& [name, value] : params)
    if (!json::is_plain_text(value)) throw Failure(Error::not_found, "记录不存在（地址中含非法字符）");
  {
    domain::Problems problems;
    for (const auto& [name, value] : req.query) {
      const bool plain_name = json::is_plain_text(name);
      if (!plain_name || !json::is_plain_text(value)) problems.add(plain_name ? name : "query", "含有非法字符（应为 UTF-8 文本，不含控制字符）");
    }
    problems.throw_if_any("查询参数有误");
  }

  // A body is JSON and says so: a cross-site form (text/plain, urlencoded) cannot post one, with or
  // without a session (login CSRF).
  // A photo's route takes the image itself under an image type, which a cross-site form cannot send
  // either; its service checks the type after the caller's rights (and decides what it is by decoding).
  if (!req.body.empty() && is_state_changing(req.method) && !found->image_body) {
    // A file's route (an .xlsx workbook) checks its type itself, after the caller's rights, as a photo's does.
    if (found->file_body.empty() && net::media_type(req.header("content-type").value_or("")) != "application/json")
      throw Failure(Error::unsupported_media_type);
  }

  Context ctx{app_, req, std::move(params), std::nullopt, {}};
  if (found->permission != domain::Permission::open) {
    bool from_cookie = false;
    auto token = token_of(req, from_cookie);
    if (token) {
      ctx.session = service::authenticate(app_, *token, req.client_ip);
      ctx.token = *token;
    }
    if (!ctx.session) throw Failure(Error::unauthenticated, token ? "登录已过期，请重新登录" : "请先登录");
    admit(*found, req, *ctx.session, from_cookie);
    ctx.session->actor.ip = req.client_ip;
    // The version is read before the handler's snapshot, so a kept answer is never newer than its tag.
    if (responses_ && req.method == "GET") {
      const auto version = app_.db->data_version().value_or(0);
      const auto key = cache_key(*ctx.session, req);
      if (auto hit = responses_->get(key, version)) {
        ++metrics().response_cache_hits;
        return *hit;
      }
      auto res = found->handler(ctx);
      if (cacheable(res)) responses_->put(key, version, res);
      return res;
    }
  }
  return found->handler(ctx);
}

}  // namespace qsm::api
