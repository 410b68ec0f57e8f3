// The API's own costs without sockets (issue 10): matching a path against the route table, encoding
// a 20-row declaration list page as JSON, and the whole list request through the dispatcher (route,
// cached session, two statements, JSON) on a generated 400-project database in SQLite.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <filesystem>

#include "api/context.hpp"
#include "api/declarations/codec.hpp"
#include "api/dispatch.hpp"
#include "service/auth_service.hpp"
#include "service/bench_data.hpp"
#include "store/declaration_store.hpp"
#include "store/identity_store.hpp"
#include "util/json.hpp"

namespace {

using namespace qsm;

// A generated city district: 400 projects, the authority jdz_pd signed in with a Bearer token.
struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<app::App> app;
  std::unique_ptr<api::Api> api;
  std::string token;
  domain::Actor actor;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("qsm-api-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    app = std::make_unique<app::App>(app::open_app("sqlite:" + (dir / "qsm.db").string(), (dir / "qsm.secret").string()));
    service::BenchDataOptions o;
    o.projects = 400;
    o.password = "Bench@data2026";
    o.by.name = "测试";
    service::generate_bench_data(*app, o, [](std::string_view) {});
    api = std::make_unique<api::Api>(*app, nullptr);
    token = service::login_password(*app, "jdz_pd", o.password, "127.0.0.1").token;
    actor = service::authenticate(*app, token, "127.0.0.1")->actor;
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  http::Request get(const std::string& path, std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    req.query = std::move(query);
    req.headers = {{"authorization", "Bearer " + token}};
    req.client_ip = "127.0.0.1";
    return req;
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_RouteMatch(benchmark::State& state) {
  // The first route, one in the middle with a parameter, the last ones, and an unknown path.
  const std::pair<std::string_view, std::string_view> paths[] = {{"GET", "/api/health"},
                                                                 {"GET", "/api/declarations"},
                                                                 {"POST", "/api/monthly/123456/review-submit"},
                                                                 {"GET", "/api/dashboard"},
                                                                 {"GET", "/api/nothing/here"}};
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& [method, path] = paths[i++ % std::size(paths)];
    http::PathParams params;
    bool matched = false;
    found += api::find_route(method, path, params, matched) != nullptr;
    benchmark::DoNotOptimize(params);
  }
  state.counters["found"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_RouteMatch);

void BM_DeclarationPageJson(benchmark::State& state) {
  auto& f = fixture();
  store::DeclarationQuery q;
  q.status = "accepted";
  auto page = f.app->db->read([&](store::Connection& c) { return store::list_declarations(c, domain::Scope::of(f.actor), q); });
  std::size_t bytes = 0;
  for (auto _ : state) {
    boost::json::array items;
    for (const auto& d : page.items) items.push_back(api::declarations::to_json(d, f.actor));
    auto body = json::serialize(api::page_json(std::move(items), page.total, api::Paging{q.page, q.page_size}));
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["rows"] = static_cast<double>(page.items.size());
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_DeclarationPageJson)->Unit(benchmark::kMicrosecond);

void BM_DeclarationListThroughApi(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto req = f.get("/api/declarations", {{"status", "accepted"}, {"page", "1"}, {"page_size", "20"}});
    auto r = f.api->handle(req);
    if (r.status != 200) state.SkipWithError(r.body.c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DeclarationListThroughApi)->Unit(benchmark::kMicrosecond);

void BM_InboxThroughApi(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto req = f.get("/api/tasks");
    auto r = f.api->handle(req);
    if (r.status != 200) state.SkipWithError(r.body.c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_InboxThroughApi)->Unit(benchmark::kMicrosecond);

}  // namespace
