// Fuzz target: one whole request through the HTTP layer and the API, on a real SQLite database
// with the demo data. The first byte picks who is asking (nobody, admin, authority, contractor,
// supervision enterprise, site contractor, site supervisor — sessions made by the real login flows
// at start-up) and whether by Bearer token or by cookie + CSRF header; the rest is raw HTTP/1.1.
// A finding: a crash, a sanitizer report, a 5xx, or an API answer whose body is not JSON.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "api/dispatch.hpp"
#include "cli/commands.hpp"
#include "fuzz.hpp"
#include "http/server.hpp"
#include "store/identity_store.hpp"
#include "util/embedded.hpp"
#include "domain/json_input.hpp"
#include "util/json.hpp"

namespace {

using namespace qsm;

struct Caller {
  std::string token, cookie, csrf;
};

struct World {
  std::optional<app::App> app;
  std::optional<api::Api> api;
  std::vector<Caller> callers{Caller{}};  // [0]: nobody

  http::Response call(std::string_view method, std::string_view target, const std::string& body, const Caller& who,
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::string raw = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: fuzz\r\n";
    if (!who.token.empty()) raw += "Authorization: Bearer " + who.token + "\r\n";
    for (auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
    raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    auto parsed = http::parse_request(raw, 16 * 1024, [this](const http::Request& r) { return api->body_limit(r); });
    if (!parsed.complete) throw std::runtime_error("set-up request did not parse: " + raw);
    parsed.req.client_ip = parsed.req.peer_ip = "127.0.0.1";
    return api->handle(parsed.req);
  }
  boost::json::value ok(std::string_view method, std::string_view target, const std::string& body, const Caller& who = {},
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto res = call(method, target, body, who, std::move(headers));
    if (res.status != 200) throw std::runtime_error(std::string(target) + ": " + std::to_string(res.status) + " " + res.body);
    return boost::json::parse(res.body);
  }
  Caller session(const boost::json::value& login) {
    std::string token(login.at("token").as_string());
    return {token, "qsm_session=" + token, std::string(login.at("me").at("csrf_token").as_string())};
  }
  Caller password(const std::string& user) {
    return session(ok("POST", "/api/auth/password", boost::json::serialize(boost::json::object{{"username", user}, {"password", cli::kDemoPassword}})));
  }
  Caller certificate(const std::filesystem::path& pem_file) {
    std::ifstream in(pem_file);
    std::string pem((std::istreambuf_iterator<char>(in)), {});
    std::string escaped;
    for (unsigned char ch : pem) {
      if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
        escaped += static_cast<char>(ch);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", ch);
        escaped += buf;
      }
    }
    return session(ok("POST", "/api/auth/certificate", "{}", {}, {{"X-SSL-Client-Cert", escaped}}));
  }
  Caller site(const std::string& role, const boost::json::object& person, const std::string& report_no) {
    auto ask = boost::json::object{{"role", role}, {"name", person.at("name")}, {"id_number", person.at("id_number")}};
    ok("POST", "/api/auth/sms-code", boost::json::serialize(ask));
    auto text = app->db->read([](store::Connection& c) { return store::last_outbox(c, 1, "login").at(0).text; });
    std::size_t at = 0, run = 0;  // the code is the message's six-digit number
    for (std::size_t i = 0; i < text.size() && run < 6; ++i) {
      run = std::isdigit(static_cast<unsigned char>(text[i])) ? run + 1 : 0;
      at = i + 1 - run;
    }
    ask["code"] = text.substr(at, 6);
    Caller c = session(ok("POST", "/api/auth/sms-login", boost::json::serialize(ask)));
    auto list = ok("GET", "/api/auth/contracts?report_no=" + report_no, "", c);
    auto id = list.at("items").at(0).at("id").as_int64();
    ok("POST", "/api/auth/contract", boost::json::serialize(boost::json::object{{"contract_id", id}}), c);
    return c;
  }
};

World* world = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir_template[] = "/tmp/qsm-fuzz-XXXXXX";
  std::filesystem::path dir = mkdtemp(dir_template);
  cli::Common common{"sqlite:" + (dir / "qsm.db").string(), (dir / "qsm.secret").string(), {}};
  cli::demo(common, true);
  world = new World;
  world->app.emplace(app::open_app(common.db, common.secret_file));
  auto& settings = world->app->settings;
  settings.trusted_proxies = {"127.0.0.1/32"};
  settings.client_ca = (dir / "certs" / "ca.pem").string();
  // Whole sessions for the accounts (the second factor's own routes are fuzzed through its refusals).
  auto tuned = world->app->tuned();
  tuned.accounts.second_factor_required = false;
  world->app->tunables->set(std::move(tuned), world->app->tunables->stamp());
  world->api.emplace(*world->app, std::make_shared<http::StaticFiles>(""));

  auto registry = json::parse_body(*embedded::find("registry.json")).as_object();
  auto find = [&](std::string_view list, std::string_view key, const boost::json::value& value) {
    for (const auto& v : registry.at(list).as_array())
      if (v.at(key) == value) return v.as_object();
    throw std::runtime_error("demo registry lacks " + std::string(list));
  };
  // The demo's evaluated project: the first contractor's second general contract (see tests/lib/server.mjs).
  const auto contractor = find("enterprises", "kind", "construction");
  std::vector<boost::json::object> generals;
  for (const auto& v : registry.at("contracts").as_array())
    if (v.at("kind") == "general" && v.at("enterprise_uscc") == contractor.at("uscc")) generals.push_back(v.as_object());
  const auto& general = generals.at(1);
  boost::json::object supervision;
  for (const auto& v : registry.at("contracts").as_array())
    if (v.at("kind") == "supervision" && v.at("project_registration_no") == general.at("project_registration_no")) supervision = v.as_object();
  const auto project = find("projects", "registration_no", general.at("project_registration_no"));
  std::string authority(project.at("authority_code").as_string());
  for (auto& ch : authority) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));

  auto& w = *world;
  w.callers.push_back(w.password("admin"));
  w.callers.push_back(w.password("secadmin"));
  w.callers.push_back(w.password("auditor"));
  w.callers.push_back(w.password("jdz_" + authority));
  w.callers.push_back(w.certificate(dir / "certs" / "clients" / (std::string(contractor.at("uscc").as_string()) + ".pem")));
  w.callers.push_back(w.certificate(dir / "certs" / "clients" / (std::string(supervision.at("enterprise_uscc").as_string()) + ".pem")));
  w.callers.push_back(w.site("site_contractor", find("persons", "id_number", general.at("manager_id_number")),
                             std::string(general.at("report_no").as_string())));
  w.callers.push_back(w.site("site_supervisor", find("persons", "id_number", supervision.at("manager_id_number")),
                             std::string(supervision.at("report_no").as_string())));
  // The font and drawing libraries build their caches on the first PDF; build them now, not in a run.
  w.ok("GET", "/api/declarations?page_size=1", "", w.callers[1]);
  auto first = w.call("GET", "/api/declarations/1/print.pdf", "", w.callers[1]);
  if (first.status != 200) throw std::runtime_error("warm-up PDF: " + std::to_string(first.status));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  auto& w = *world;
  const Caller& who = w.callers[data[0] % w.callers.size()];
  const bool by_cookie = data[0] & 0x80;
  auto parsed = http::parse_request(fuzz::text(data + 1, size - 1), 16 * 1024, [&](const http::Request& r) { return w.api->body_limit(r); });
  if (!parsed.complete) return 0;
  http::Request& req = parsed.req;
  req.client_ip = req.peer_ip = "127.0.0.1";
  // Logging out or changing the password would spend a session the next inputs need.
  const bool spends_session = req.path.starts_with("/api/auth/logout") || req.path.starts_with("/api/auth/password");
  if (!who.token.empty() && !spends_session) {
    if (by_cookie) {
      req.headers.emplace_back("cookie", who.cookie);
      req.headers.emplace_back("x-csrf-token", who.csrf);
    } else {
      req.headers.emplace_back("authorization", "Bearer " + who.token);
    }
  }
  http::Response res = w.api->handle(req);
  if (res.status >= 500) fuzz::found("5xx", std::to_string(res.status) + " " + req.method + " " + req.target + " → " + res.body);
  if (res.content_type.starts_with("application/json")) {
    boost::system::error_code ec;
    (void)boost::json::parse(res.body, ec);
    if (ec) fuzz::found("answer is not JSON", req.method + " " + req.target);
  }
  return 0;
}
