// What a handler receives: the app, the request, path parameters and the caller.
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <span>

#include "service/app.hpp"
#include "domain/error.hpp"
#include "domain/permissions.hpp"
#include "domain/problems.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "service/auth_service.hpp"
#include "service/list_query.hpp"

namespace qsm::api {

struct Context {
  app::App& app;
  http::Request& req;
  http::PathParams params;
  std::optional<service::Session> session;
  std::string token;  // the session token of this request, when there is one

  const domain::Actor& actor() const { return session->actor; }
  // A positive integer id from the path; anything else is 404 (no such record).
  std::int64_t id(std::string_view name) const;
  std::string_view param(std::string_view name) const { return http::path_param(params, name); }
  boost::json::value body() const;
  // ?preview=true: check (and for a sheet, score) what the request would do, without doing it.
  bool preview() const;
};

using Handler = http::Response (*)(Context&);

struct Route {
  std::string_view method;
  std::string_view pattern;
  Handler handler;
  domain::Permission permission;
  std::string_view summary;  // Chinese, for openapi.json
  std::size_t max_body = 1 << 20;
  // Refusals of the route (and with `slow_success` every answer) take at least this long, so that
  // their timing does not tell whether a person or account exists (the logins).
  std::chrono::milliseconds min_latency{0};
  bool slow_success = false;
  // CPU-heavy (argon2id, PDF, workbooks): runs on the server's small pool of its own.
  bool heavy = false;
  // A workflow action's route: the roles its spec lets take the action (Spec::actors), narrower than
  // the permission; 0 when the permission alone decides. A role outside them gets 403 before its body
  // is read (SPEC §1). `workflow` and `action` name the spec's entity and action (openapi x-action).
  std::uint32_t actors = 0;
  std::string_view workflow = {}, action = {};
  // The body is an image (a photo upload), not JSON; `too_large` words its 413.
  bool image_body = false;
  std::string_view too_large = {};
  // The body is a file of this media type (an .xlsx workbook), not JSON; the handler answers 415 for
  // another type, after the caller's rights.
  std::string_view file_body = {};
};

std::span<const Route> routes();
// Whether the role may call the route at all: its permission, and the action's actors if it has them.
bool role_may_call(const Route& r, domain::Role role);

// Responses.
http::Response json_response(const boost::json::value& v, int status = 200);
// A generated file (PDF, workbook) with its Content-Disposition, never cached: it holds the caller's data.
http::Response file_response(std::string body, std::string_view content_type, std::string disposition);
inline constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
http::Response error_response(Error e, const std::string& message, const boost::json::object& details);
// ?page=&page_size= with bounds (min_page_size ≤ page_size ≤ 100); problems are 422.
struct Paging {
  int page = 1, page_size = 20;
};
Paging paging(const http::Request& req, int min_page_size = 1);
// The query form's common filters of every list: q (名称或编号 contains, ≤ 100 characters) and
// district (one of Shanghai's districts); problems go into `problems`.
struct ListFilters {
  std::string q, district;
};
ListFilters list_filters(const http::Request& req, domain::Problems& problems);
// A workflow list's query form into `out`: paging, the common filters, `status` (one of the
// workflow's codes) and `sort` (one of the list's keys, named by `sort_keys` in the message);
// problems go into `problems`.
void read_list_query(const http::Request& req, domain::Problems& problems, store::ListQuery& out,
                     bool (*known_status)(std::string_view), bool (*known_sort)(std::string_view), std::string_view sort_keys);
boost::json::object page_json(boost::json::array items, std::int64_t total, const Paging& p);
// The request came by TLS: to this server, or to a trusted proxy that says it terminated TLS
// (X-Forwarded-Proto: https from an address of --trusted-proxy).
bool came_by_tls(const http::Request& req, const app::Settings& settings);
// A Host header of plain characters only (a name or an address, a port), safe to put into a link.
bool is_plain_host(std::string_view host);
// A required positive integer query parameter (?version=3, ?project_id=12); else 422 at `name`
// saying `message`.
std::int64_t positive_query_param(const Context& ctx, std::string_view name, std::string_view message);

}  // namespace qsm::api
