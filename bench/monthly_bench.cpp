// Saving a self sheet through the API dispatcher (route, session lookup, JSON parse, scoring with
// the history, the write transaction with audit, the JSON answer) on the demo database in SQLite
// (target < 5 ms at p50, issue 5). No sockets: what the server spends per request.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <filesystem>

#include "api/dispatch.hpp"
#include "cli/commands.hpp"
#include "service/auth_service.hpp"
#include "service/monthly_service.hpp"
#include "store/identity_store.hpp"
#include "util/json.hpp"

namespace {

using namespace qsm;

struct Fixture {
  std::filesystem::path dir;
  std::string url;
  std::unique_ptr<app::App> app;
  std::unique_ptr<api::Api> api;
  std::string token;
  std::int64_t monthly_id = 0;
  std::vector<std::string> clauses;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("qsm-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "qsm.db").string();
    cli::demo({url, (dir / "qsm.secret").string(), {}}, true);
    app = std::make_unique<app::App>(app::open_app(url, (dir / "qsm.secret").string()));
    api = std::make_unique<api::Api>(*app, nullptr);
    // The demo's accepted declaration belongs to the first construction enterprise.
    auto enterprise = app->db->read([](store::Connection& c) { return store::find_enterprise_by_uscc(c, "9131000013229491XF"); });
    token = service::start_session(*app, "contractor", "certificate", "127.0.0.1", std::nullopt, enterprise->id, std::nullopt).token;
    auto created = call("POST", "/api/declarations/1/monthly", R"({"period":")" + months_first() + R"("})");
    monthly_id = created.at("id").as_int64();
    auto t = service::template_of(*app, service::get_monthly(*app, actor(), monthly_id));
    for (const auto& item : t->check_items)
      for (const auto& sub : item.sub_items) clauses.push_back(sub.clauses.front().code);
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  domain::Actor actor() { return service::authenticate(*app, token, "127.0.0.1")->actor; }
  std::string months_first() {
    auto m = service::declaration_months(*app, actor(), 1);
    return m.next.period->to_string();
  }
  boost::json::value call(const std::string& method, const std::string& path, const std::string& body) {
    http::Request req;
    req.method = method;
    req.target = req.path = path;
    req.headers = {{"authorization", "Bearer " + token}, {"content-type", "application/json"}};
    req.body = body;
    req.client_ip = "127.0.0.1";
    auto r = api->handle(req);
    if (r.status >= 300) throw std::runtime_error(r.body);
    return boost::json::parse(r.body);
  }
};

void BM_SaveSelfSheetThroughApi(benchmark::State& state) {
  static Fixture f;
  std::int64_t version = f.call("GET", "/api/monthly/" + std::to_string(f.monthly_id), "").at("version").as_int64();
  const std::string path = "/api/monthly/" + std::to_string(f.monthly_id) + "/self-sheet";
  int round = 0;
  for (auto _ : state) {
    // Eight deductions in rotation over the template's sub-items, one item not applicable.
    boost::json::array deductions;
    for (int k = 0; k < 8; ++k)
      deductions.push_back({{"clause", f.clauses[(round + k * 3) % f.clauses.size()]}, {"problem", "现场检查发现的问题描述"}});
    boost::json::object body{{"version", version}, {"not_applicable", boost::json::array{}}, {"deductions", std::move(deductions)}};
    auto answer = f.call("PUT", path, json::serialize(body));
    version = answer.at("version").as_int64();
    ++round;
  }
}
BENCHMARK(BM_SaveSelfSheetThroughApi)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true)->MinTime(2.0);

}  // namespace
