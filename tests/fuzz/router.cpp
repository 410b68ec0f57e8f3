// Fuzz target: request lines. "METHOD target" goes through the server's own head parsing (origin
// form, percent-decoding, query split), then the route table and every list's query parser, the
// paging and filter rules and the period/date parsers on each parameter.
#include "api/completions/codec.hpp"
#include "api/declarations/codec.hpp"
#include "api/dispatch.hpp"
#include "api/monthly/codec.hpp"
#include "api/quarterly/codec.hpp"
#include "api/requests/codec.hpp"
#include "domain/period.hpp"
#include "domain/time.hpp"
#include "fuzz.hpp"
#include "http/server.hpp"
#include "util/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qsm;
  auto line = fuzz::text(data, size);
  if (line.find_first_of("\r\n") != std::string_view::npos) return 0;  // one request line only
  auto raw = std::string(line) + " HTTP/1.1\r\nHost: fuzz\r\n\r\n";
  auto parsed = http::parse_request(raw, 16 * 1024, [](const http::Request&) -> std::size_t { return 1 << 20; });
  if (!parsed.complete) return 0;
  http::Request& req = parsed.req;
  // The dispatcher refuses query and path text that is not plain; what passes must be plain.
  if (!json::is_plain_text(req.path)) return 0;
  for (const auto& [k, v] : req.query)
    if (!json::is_plain_text(k) || !json::is_plain_text(v)) return 0;

  http::PathParams params;
  bool path_matched = false;
  const api::Route* route = api::find_route(req.method, req.path, params, path_matched);
  if (route && !path_matched) fuzz::found("find_route", "a route without a matching path");
  for (const auto& [name, value] : params) {
    if (value.empty()) fuzz::found("find_route", "an empty path parameter");
    (void)domain::YearMonth::parse(value);
    (void)domain::Quarter::parse(value);
  }
  for (const auto& [k, v] : req.query) {
    (void)domain::YearMonth::parse(v);
    (void)domain::Quarter::parse(v);
    (void)domain::parse_date(v);
    (void)domain::parse_instant(v);
  }
  fuzz::refused_or_ok("paging", [&] {
    auto p = api::paging(req);
    if (p.page < 1 || p.page_size < 1 || p.page_size > 100) fuzz::found("paging", "page or page_size out of bounds accepted");
  });
  fuzz::refused_or_ok("declarations::parse_query", [&] { api::declarations::parse_query(req); });
  fuzz::refused_or_ok("monthly::parse_query", [&] { api::monthly::parse_query(req); });
  fuzz::refused_or_ok("quarterly::parse_query", [&] { api::quarterly::parse_query(req); });
  fuzz::refused_or_ok("completions::parse_query", [&] { api::completions::parse_query(req); });
  fuzz::refused_or_ok("requests::parse_query", [&] { api::requests::parse_query(req, store::RequestFamily::suspension); });
  return 0;
}
