// The qsm subcommands, each a function taking its parsed options.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qsm::service {
struct BenchSessionsOptions;
}

namespace qsm::cli {

struct Common {
  std::string db = "sqlite:data/qsm.db";
  std::string secret_file;  // default: beside the SQLite file, or data/qsm.secret
  // More names of this server for the demo's server certificate (qsm demo, qsm dev-ca): the
  // machine's LAN address, so a phone on the same network can open the HTTPS address.
  std::vector<std::string> server_names;
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string tls_listen, tls_cert, tls_key, client_ca;
  std::string certificate_field = "serialNumber";
  std::vector<std::string> trusted_proxies;
  std::string proxy_cert_header = "X-SSL-Client-Cert";
  std::string web_root;
  std::string sms_gateway = "outbox";  // outbox | http
  std::string sms_url;
  std::string reminder_time = "09:00";  // daily reminders of overdue evaluations, Shanghai time; "off" disables
  int workers = 0;     // 0 = the number of cores
  int io_threads = 1;
  int heavy_workers = 0;  // 0 = half of --workers, at least 1
  int max_connections_per_address = 64;
  bool http_redirect = false;  // the plain listener only redirects to the HTTPS one
  std::string grade_excellent = "80", grade_qualified = "70";  // 优良 / 合格 from these scores
  unsigned submit_deadline_day = 10, review_deadline_day = 15;  // 自评 / 复核 due by these days of the following month
  std::string agreement_threshold = "80";  // 抽查比对: mean agreement (percent) below which an enterprise is flagged
  std::size_t export_row_limit = 100'000;  // rows of one .xlsx export
  std::string public_url;  // printed documents' verification address; empty: the request's host
  int db_pool = 8;  // database connections per process
  std::string sqlite_synchronous = "normal";  // normal: survives a process crash; full: also a power loss
  std::string sqlite_statement_pages;  // a file for each SQLite statement's calls and pages, written at stop (issue 25); "": none
  std::string audit_checkpoints;       // the audit chain's checkpoint file; default beside the secret file
  int audit_checkpoint_interval = 60;  // seconds between checkpoints (1–60)
  // Account security (issue 21): see domain::AccountPolicy.
  // The per-session answer cache of GETs (SQLite). Off by default since issue 25: under the realistic
  // mix it answered 11 % of requests and gained nothing (docs/decisions.md "Response cache").
  bool response_cache = false;
  std::string second_factor = "required";  // required | optional, for the authority's and administrators' logins
  int password_max_age_days = 90;          // 0: never expire
  int max_sessions_per_account = 3;
  int log_retention_days = 365;            // the login log; at least 180 (网络安全法 §21)
};

int serve(const Common& c, const ServeOptions& o);
int migrate(const Common& c);
int import_registry(const Common& c, const std::string& file);
int load_template(const Common& c, const std::string& file);
int demo(const Common& c, bool quiet);
int dev_ca(const Common& c, const std::string& out_dir, bool quiet);
// The outbox's last messages; `purpose` login (动态密码) or reminder (逾期提醒) keeps only those.
int sms_outbox(const Common& c, int last, const std::string& purpose);
// Sends today's (or `date`'s) reminders of overdue evaluations once, as the scheduler would.
int remind(const Common& c, const std::string& date);
// Read only (no migration, no sealing): exit 0 when every record's MAC and every link holds and every
// checkpoint of the files is still in the chain; 1 naming each problem (records not linked yet are not one).
int audit_verify(const Common& c, const std::vector<std::string>& checkpoint_files);
// qsm copy: every table from one database into a new, empty one, checked per table (store/copy.hpp).
int copy(const std::string& from, const std::string& to);
// A city-sized dataset for the benchmarks in a new database (service/bench_data.hpp).
int bench_sessions(const Common& c, const service::BenchSessionsOptions& o);
int bench_data(const Common& c, int projects, std::uint64_t seed);
int user_add(const Common& c, const std::string& username, const std::string& role, const std::string& authority,
             const std::string& display_name);

// The demo accounts' password, printed by `qsm demo`.
inline constexpr std::string_view kDemoPassword = "Qsm@demo2026";

}  // namespace qsm::cli
