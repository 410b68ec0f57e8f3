// Health, the OpenAPI description (generated from the route table) and Prometheus metrics.
#include <boost/json.hpp>

#include "api/context.hpp"
#include "api/handlers.hpp"
#include "domain/clerk.hpp"
#include "service/queries.hpp"

namespace qsm::api::system {

http::Response health(Context& ctx) {
  auto counts = service::query::registry_counts(ctx.app);
  return json_response(boost::json::object{
      {"status", "ok"},
      {"database", service::query::on_sqlite(ctx.app) ? "sqlite" : "postgresql"},
      {"time", domain::format_instant(ctx.app.clock.now())},
      {"clock_fixed", ctx.app.clock.fixed()},
      {"projects", counts.projects}});
}

http::Response openapi(Context&) {
  boost::json::object paths;
  for (const Route& r : routes()) {
    std::string method(r.method);
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    boost::json::object op{{"summary", r.summary}, {"responses", boost::json::object{{"200", boost::json::object{{"description", "成功"}}}}}};
    boost::json::array parameters;
    std::string_view pattern = r.pattern;
    for (std::size_t pos = pattern.find('{'); pos != std::string_view::npos; pos = pattern.find('{', pos + 1)) {
      auto end = pattern.find('}', pos);
      parameters.push_back(boost::json::object{{"name", pattern.substr(pos + 1, end - pos - 1)},
                                               {"in", "path"},
                                               {"required", true},
                                               {"schema", boost::json::object{{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = std::move(parameters);
    // Who may call it (the permission table), so clients and the authorization matrix test read
    // the same facts the dispatcher enforces.
    boost::json::array roles;
    for (auto role : domain::all_roles())
      if (role_may_call(r, role)) roles.emplace_back(domain::to_string(role));
    op["x-roles"] = std::move(roles);
    // What a clerk of an enterprise of each role needs for it (issue 27): "read", an action's code, or null (never).
    boost::json::object clerk;
    for (auto role : {domain::Role::contractor, domain::Role::supervisor}) {
      if (!role_may_call(r, role)) continue;
      auto needed = domain::clerk_action_needed(role, r.permission);
      clerk[domain::to_string(role)] = domain::clerk_reads(r.permission) ? boost::json::value("read")
                                       : needed                          ? boost::json::value(domain::to_string(*needed))
                                                                         : boost::json::value(nullptr);
    }
    if (!clerk.empty()) op["x-clerk"] = std::move(clerk);
    op["x-open"] = r.permission == domain::Permission::open;
    if (!r.action.empty()) op["x-action"] = boost::json::object{{"workflow", r.workflow}, {"action", r.action}};
    if (r.permission != domain::Permission::open)
      op["security"] = boost::json::array{boost::json::object{{"bearer", boost::json::array{}}}, boost::json::object{{"cookie", boost::json::array{}}}};
    auto& entry = paths[r.pattern];
    if (!entry.is_object()) entry = boost::json::object{};
    entry.as_object()[method] = std::move(op);
  }
  return json_response(boost::json::object{
      {"openapi", "3.0.3"},
      {"info", boost::json::object{{"title", "建筑工程施工质量标准化管理平台 API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components",
       boost::json::object{{"securitySchemes",
                            boost::json::object{{"bearer", boost::json::object{{"type", "http"}, {"scheme", "bearer"}}},
                                                {"cookie", boost::json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "qsm_session"}}}}}}}});
}

}  // namespace qsm::api::system

#include "api/dispatch.hpp"

namespace qsm::api::system {

http::Response metrics(Context&) {
  const Metrics& m = api::metrics();
  std::string out;
  out += "# HELP qsm_http_requests_total HTTP requests answered, by status class.\n# TYPE qsm_http_requests_total counter\n";
  out += "qsm_http_requests_total{class=\"2xx\"} " + std::to_string(m.status_2xx.load()) + "\n";
  out += "qsm_http_requests_total{class=\"3xx\"} " + std::to_string(m.status_3xx.load()) + "\n";
  out += "qsm_http_requests_total{class=\"4xx\"} " + std::to_string(m.status_4xx.load()) + "\n";
  out += "qsm_http_requests_total{class=\"5xx\"} " + std::to_string(m.status_5xx.load()) + "\n";
  if (m.response_cache) {
    out += "# HELP qsm_response_cache_hits_total GET answers given from the response cache.\n# TYPE qsm_response_cache_hits_total counter\n";
    out += "qsm_response_cache_hits_total " + std::to_string(m.response_cache_hits.load()) + "\n";
  }
  http::Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = std::move(out);
  return r;
}

}  // namespace qsm::api::system
