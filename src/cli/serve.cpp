// qsm serve: open and migrate the database, bind the listeners, serve until SIGTERM.
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "api/dispatch.hpp"
#include "service/app.hpp"
#include "cli/commands.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "service/audit_service.hpp"
#include "service/account_security.hpp"
#include "service/admin_service.hpp"
#include "service/reminder_service.hpp"
#include "store/statement_pages.hpp"
#include "util/net.hpp"

#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace qsm::cli {
namespace {

// How soon a setting changed by another server process is in force here (参数设置).
constexpr auto kSettingsRefresh = std::chrono::seconds(2);

// A background job: `job` now and then every `interval` until the server stops; a failure is logged
// (as `what`) and the next round tries again.
template <class Job>
std::jthread every(std::chrono::milliseconds interval, std::string what, Job job) {
  return std::jthread([interval, what = std::move(what), job = std::move(job)](std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      try {
        job();
      } catch (const std::exception& e) {
        spdlog::error("{}: {}", what, e.what());
      }
      std::unique_lock lock(m);
      wake.wait_for(lock, stop, interval, [] { return false; });
    }
  });
}

std::string find_web_root(const std::string& given) {
  if (!given.empty()) return given;
  namespace fs = std::filesystem;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::exists(beside / "index.html")) return beside.string();
  }
  return "web/dist";
}

// "80" (up to two decimals, 0–100) → points, or a start-up error saying what to fix.
domain::Points percent_option(const std::string& text, const char* option) {
  auto p = domain::Points::percent_from_text(text);
  if (!p) throw std::runtime_error(std::string(option) + " 应为 0–100 的分数（最多两位小数），而不是 " + text);
  return *p;
}

// "80" and "70" → thresholds, or a start-up error saying what to fix.
domain::GradeThresholds grade_thresholds(const std::string& excellent, const std::string& qualified) {
  auto points = percent_option;
  domain::GradeThresholds t{points(excellent, "--grade-excellent"), points(qualified, "--grade-qualified")};
  if (!t.valid()) throw std::runtime_error("等级分数线应满足 0 ≤ --grade-qualified < --grade-excellent ≤ 100");
  return t;
}

// The server's log when stderr is not a terminal (a file, a pipe, the journal): lines are buffered
// and written at least once a second, warnings and errors at once. Writing every request's line
// by itself cost a quarter of the throughput of a cached list page (issue 10).
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStderrSink() : file_(::fdopen(::dup(2), "a")) {
    if (file_) std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
  }
  ~BufferedStderrSink() override {
    if (file_) std::fclose(file_);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), file_ ? file_ : stderr);
  }
  void flush_() override { std::fflush(file_ ? file_ : stderr); }

 private:
  std::FILE* file_;
};

void buffer_the_log() {
  if (::isatty(2)) return;
  auto logger = std::make_shared<spdlog::logger>("qsm", std::make_shared<BufferedStderrSink>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace

int serve(const Common& c, const ServeOptions& o) {
  buffer_the_log();
  store::OpenOptions db_options{.pool_size = o.db_pool, .sqlite_synchronous_full = o.sqlite_synchronous == "full", .sqlite_background_checkpoint = true};
  if (!o.sqlite_statement_pages.empty()) db_options.sqlite_statement_pages = std::make_shared<store::StatementPages>();
  auto app = app::open_app(c.db, c.secret_file, db_options);
  if (app.clock.fixed()) spdlog::warn("QSM_NOW is set: the clock is fixed at {}", domain::format_instant(app.clock.now()));
  app.settings.certificate_field = o.certificate_field;
  app.settings.trusted_proxies = o.trusted_proxies;
  app.settings.client_ca = o.client_ca;
  net::check_cidrs(o.trusted_proxies);
  // 参数设置: the flags are the first run's values; from then on the database's (issue 27).
  domain::Tunables defaults;
  defaults.grades = grade_thresholds(o.grade_excellent, o.grade_qualified);
  defaults.agreement_threshold = percent_option(o.agreement_threshold, "--agreement-threshold");
  defaults.export_row_limit = static_cast<std::int64_t>(o.export_row_limit);
  auto public_url = domain::normalise_public_url(o.public_url);
  if (!public_url) throw std::runtime_error("--public-url 应为 https://主机[:端口]（不带路径），例如 https://qsm.example.gov.cn");
  defaults.public_url = *public_url;
  defaults.deadlines.submit_day = o.submit_deadline_day;
  defaults.deadlines.review_day = o.review_deadline_day;
  if (!defaults.deadlines.valid())
    throw std::runtime_error("逾期截止日应满足 1 ≤ --submit-deadline-day ≤ --review-deadline-day ≤ 28");
  defaults.reminder_at = service::parse_reminder_time(o.reminder_time);
  defaults.accounts.second_factor_required = o.second_factor != "optional";
  defaults.accounts.password_max_age_days = o.password_max_age_days;
  defaults.accounts.max_sessions_per_account = o.max_sessions_per_account;
  defaults.accounts.log_retention_days = o.log_retention_days;
  service::load_tunables(app, defaults);
  app.settings.proxy_cert_header.clear();
  for (char ch : o.proxy_cert_header) app.settings.proxy_cert_header += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (o.sms_gateway == "http") {
    if (o.sms_url.empty()) throw std::runtime_error("--sms-gateway http 需要 --sms-url");
    app.sms = service::http_gateway(o.sms_url, [](const std::string& url, const std::string& body, std::chrono::milliseconds timeout) {
      return http::post_json(url, body, timeout).status;
    });
  }

  auto web = std::make_shared<http::StaticFiles>(find_web_root(o.web_root));
  if (!web->loaded()) spdlog::warn("web UI not found (run npm run build in web/); serving the API only");
  api::Api api(app, web, o.response_cache);

  http::ServerOptions so;
  so.listen = o.listen;
  so.io_threads = o.io_threads;  // 1 … 64, checked by the option
  so.workers = o.workers > 0 ? o.workers : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  so.heavy_workers = o.heavy_workers > 0 ? o.heavy_workers : std::max(1, so.workers / 2);
  so.max_connections_per_address = o.max_connections_per_address;
  // A trusted proxy carries everybody's connections: it is not capped per address.
  so.uncapped = [proxies = o.trusted_proxies](std::string_view ip) { return !proxies.empty() && net::ip_in_cidrs(ip, proxies); };
  if (!o.listen.empty() && o.trusted_proxies.empty() && !o.http_redirect) {
    const auto host = o.listen.substr(0, o.listen.rfind(':'));
    if (host != "127.0.0.1" && host != "localhost" && host != "[::1]" && host != "::1")
      spdlog::warn("passwords and SMS codes are served in plain HTTP on {} without --trusted-proxy: put a TLS-terminating proxy in front, "
                   "or use --tls-listen (and let the plain port redirect)", o.listen);
  }
  if (!o.tls_listen.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) throw std::runtime_error("--tls-listen 需要同时给出 --tls-cert 和 --tls-key");
    so.tls = http::TlsOptions{o.tls_listen, o.tls_cert, o.tls_key, o.client_ca, o.certificate_field};
  }
  http::Handlers handlers;
  handlers.body_limit = [&api](const http::Request& r) { return api.body_limit(r); };
  handlers.handle = [&api](http::Request& r) { return api.handle(r); };
  handlers.fast = [&api](const http::Request& r) { return api.cached(r); };
  handlers.heavy = [&api](const http::Request& r) { return api.heavy(r); };
  handlers.refuse_large_body = [&api](http::Request& r) { return api.refuse_large_body(r); };
  handlers.too_large = [&api](const http::Request& r) { return api.too_large(r); };
  handlers.log = [](const http::Request& r, const http::Response& res, std::chrono::microseconds took) {
    spdlog::info("rid={} {} {} {} {:.1f}ms ip={}", r.request_id, r.method, r.path, res.status, took.count() / 1000.0, r.client_ip);
  };
  http::Server server(so, handlers);
  server.bind();
  if (o.http_redirect) {
    if (o.tls_listen.empty()) throw std::runtime_error("--http-redirect 需要 --tls-listen（HTTP 端口要转到的 HTTPS 端口）");
    for (const auto& e : server.endpoints())
      if (e.starts_with("https://")) app.settings.https_redirect_port = std::stoi(e.substr(e.rfind(':') + 1));
  }
  // The audit chain: records are linked every second by one process at a time, and the head is signed
  // into a file outside the database at least every --audit-checkpoint-interval. The first pass runs
  // before serving: what commands wrote meanwhile is linked, and a checkpoint file that cannot be
  // written stops the start.
  const auto secret_path = c.secret_file.empty() ? app::default_secret_path(c.db) : c.secret_file;
  service::AuditSealer sealer(app, o.audit_checkpoints.empty() ? service::default_checkpoint_path(secret_path) : o.audit_checkpoints,
                              std::chrono::seconds(o.audit_checkpoint_interval));
  sealer.tick();
  std::jthread sealing([&sealer](std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      std::unique_lock lock(m);
      wake.wait_for(lock, stop, service::AuditSealer::kTick, [] { return false; });
      if (!stop.stop_requested()) sealer.tick();
    }
  });
  // SQLite's WAL is copied back into the database file here, not by the request whose commit crossed
  // the mark while the writers waited for it (store::OpenOptions::sqlite_background_checkpoint).
  std::jthread checkpoints([&app](std::stop_token stop) {
    while (app.db->await_checkpoint(stop)) try {
        app.db->checkpoint();
      } catch (const std::exception& e) {
        spdlog::error("WAL checkpoint: {}", e.what());
      }
  });
  // The daily reminders of overdue evaluations: checked every minute, sent once a day across every
  // process (the run's lease row), from the configured Shanghai time on.
  // The time is a setting (off: none sent), read at each check.
  std::jthread reminders = every(std::chrono::minutes(1), "reminders", [&app, holder = "qsm serve " + std::to_string(::getpid())] {
    if (const auto at = app.tuned().reminder_at) service::send_reminders_if_due(app, holder, *at);
  });
  // Sessions' last-seen times, one write a second instead of one a refreshed session.
  app.touches->deferred = true;
  std::jthread session_touches = every(std::chrono::seconds(1), "session last-seen", [&app] { service::flush_session_touches(app); });
  // Settings another process changed are in force here within kSettingsRefresh.
  std::jthread settings_refresh = every(kSettingsRefresh, "settings", [&app] { service::refresh_tunables(app); });
  // The retention policy (issue 21): login-log rows past --log-retention-days go, hourly; audit
  // records never do.
  std::jthread housekeeping = every(std::chrono::hours(1), "log retention", [&app] { service::prune_logs(app); });
  spdlog::info("database {} (schema migrated{}), {} worker threads, web UI {} files", app.db->url_for_log(),
               app.db->dialect() == store::Dialect::sqlite ? ", synchronous=" + o.sqlite_synchronous : std::string(), so.workers, web->size());
  for (const auto& e : server.endpoints()) std::cout << "listening on " << e << std::endl;
  server.run();
  reminders.request_stop();
  session_touches.request_stop();
  session_touches.join();
  try {
    service::flush_session_touches(app);
  } catch (const std::exception& e) {
    spdlog::error("session last-seen: {}", e.what());
  }
  settings_refresh.request_stop();
  housekeeping.request_stop();
  checkpoints.request_stop();
  sealing.request_stop();
  sealing.join();
  sealer.finish();
  if (db_options.sqlite_statement_pages) {
    std::ofstream out(o.sqlite_statement_pages);
    db_options.sqlite_statement_pages->write(out);
    if (!out) spdlog::error("could not write the statement pages to {}", o.sqlite_statement_pages);
  }
  spdlog::info("stopped");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace qsm::cli
