// Shared handler helpers.
#include "api/context.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "domain/registry.hpp"
#include "domain/json_input.hpp"
#include "util/json.hpp"
#include "util/net.hpp"

namespace qsm::api {

std::int64_t Context::id(std::string_view name) const {
  auto text = param(name);
  std::int64_t v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || v <= 0) throw Failure(Error::not_found);
  return v;
}

boost::json::value Context::body() const { return json::parse_body(req.body); }

bool Context::preview() const {
  auto v = req.query_param("preview");
  return v && (*v == "true" || *v == "1");
}

bool role_may_call(const Route& r, domain::Role role) {
  return domain::allowed(role, r.permission) && (r.actors == 0 || (r.actors & domain::bit(role)) != 0);
}

http::Response json_response(const boost::json::value& v, int status) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(v);
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response error_response(Error e, const std::string& message, const boost::json::object& details) {
  return json_response(
      boost::json::object{{"error", boost::json::object{{"code", info(e).token}, {"message", message}, {"details", details}}}},
      info(e).http_status);
}

Paging paging(const http::Request& req, int min_page_size) {
  Paging p;
  domain::Problems problems;
  auto read = [&](std::string_view key, int min, int max, int& out) {
    auto v = req.query_param(key);
    if (!v || v->empty()) return;
    int n = 0;
    auto r = std::from_chars(v->data(), v->data() + v->size(), n);
    if (r.ec != std::errc{} || r.ptr != v->data() + v->size() || n < min || n > max)
      problems.add(std::string(key), "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数");
    else
      out = n;
  };
  read("page", 1, 1'000'000, p.page);
  read("page_size", min_page_size, 100, p.page_size);
  problems.throw_if_any("分页参数有误");
  return p;
}

ListFilters list_filters(const http::Request& req, domain::Problems& problems) {
  ListFilters f;
  if (auto v = req.query_param("q")) {
    if (json::utf8_length(*v) > 100) problems.add("q", "关键字不能超过 100 个字符");
    f.q = *v;
  }
  if (auto v = req.query_param("district"); v && !v->empty()) {
    if (!domain::registry::is_shanghai_district(*v)) problems.add("district", "应为上海市的区之一");
    f.district = *v;
  }
  return f;
}

void read_list_query(const http::Request& req, domain::Problems& problems, store::ListQuery& out,
                     bool (*known_status)(std::string_view), bool (*known_sort)(std::string_view), std::string_view sort_keys) {
  auto p = paging(req);
  out.page = p.page;
  out.page_size = p.page_size;
  auto filters = list_filters(req, problems);
  out.q = std::move(filters.q);
  out.district = std::move(filters.district);
  if (auto v = req.query_param("status"); v && !v->empty()) {
    if (!known_status(*v)) problems.add("status", "未知的状态");
    out.status = *v;
  }
  if (auto v = req.query_param("sort"); v && !v->empty()) {
    if (!known_sort(*v)) problems.add("sort", "可选 " + std::string(sort_keys));
    out.sort = *v;
  }
}

http::Response file_response(std::string body, std::string_view content_type, std::string disposition) {
  http::Response r;
  r.content_type = std::string(content_type);
  r.body = std::move(body);
  r.set_header("Content-Disposition", std::move(disposition));
  r.set_header("Cache-Control", "no-store");
  return r;
}

boost::json::object page_json(boost::json::array items, std::int64_t total, const Paging& p) {
  return boost::json::object{{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"page_size", p.page_size}};
}

std::int64_t positive_query_param(const Context& ctx, std::string_view name, std::string_view message) {
  auto v = ctx.req.query_param(name);
  std::int64_t n = 0;
  if (!v || std::from_chars(v->data(), v->data() + v->size(), n).ec != std::errc{} || n < 1)
    throw domain::field_failure(std::string(name), std::string(message));
  return n;
}

bool came_by_tls(const http::Request& req, const app::Settings& settings) {
  return req.tls || (req.header("x-forwarded-proto") == std::optional<std::string_view>("https") &&
                     net::ip_in_cidrs(req.peer_ip, settings.trusted_proxies));
}

bool is_plain_host(std::string_view host) {
  return !host.empty() && host.size() <= 253 &&
         host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:") == std::string_view::npos;
}

}  // namespace qsm::api
