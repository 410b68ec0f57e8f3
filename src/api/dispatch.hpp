// The one place a request becomes a response: route match, session, permission, CSRF, handler,
// and the mapping of every failure to SPEC §5's error body.
#pragma once
#include <atomic>
#include <memory>
#include <optional>

#include "api/response_cache.hpp"
#include "service/app.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace qsm::api {

struct Route;

struct Metrics {
  std::atomic<std::uint64_t> requests{0}, status_2xx{0}, status_3xx{0}, status_4xx{0}, status_5xx{0};
  // Answers given from the response cache, once there is one (a database with a data version).
  std::atomic<bool> response_cache{false};
  std::atomic<std::uint64_t> response_cache_hits{0};
};

class Api {
 public:
  // response_cache: keep answers of GETs while the database is unchanged (only where it has a data version).
  Api(app::App& app, std::shared_ptr<const http::StaticFiles> web, bool response_cache = false);
  http::Response handle(http::Request& req);
  // The kept answer of a GET from memory alone (session cache, response cache), or nullopt; never
  // touches the database beyond its data version, so the I/O thread may call it.
  std::optional<http::Response> cached(const http::Request& req);
  std::size_t body_limit(const http::Request& req) const;
  // The route's work is CPU-heavy (Route::heavy).
  bool heavy(const http::Request& req) const;
  // For a route that takes a large body: the refusal (401, 403, with the error body) of a caller who
  // may not use it, decided from the headers alone (session, CSRF, permission); nullopt to read it.
  std::optional<http::Response> refuse_large_body(http::Request& req);
  // The route's own 413 (Route::too_large), or nullopt for the server's plain one.
  std::optional<http::Response> too_large(const http::Request& req) const;

 private:
  // `matched`: the request's route, once found (handle() applies its min_latency).
  http::Response route(http::Request& req, const Route*& matched);
  app::App& app_;
  std::shared_ptr<const http::StaticFiles> web_;
  // Null when the database has no data version (PostgreSQL).
  std::shared_ptr<ResponseCache> responses_;
};

struct Route;
// The route for METHOD path, with its parameters; nullptr when none (path_matched then tells a
// method not allowed from an unknown path). Patterns are split once, matched in table order.
const Route* find_route(std::string_view method, std::string_view path, http::PathParams& params, bool& path_matched);

// Process-wide request counters for /metrics.
Metrics& metrics();

inline constexpr std::string_view kSessionCookie = "qsm_session";

}  // namespace qsm::api
