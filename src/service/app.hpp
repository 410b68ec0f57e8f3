// The process-wide context every service takes and the API hands on: database, secret, clock,
// settings, the SMS gateway and the caches services share. It is the service layer's own (it holds
// the service's SMS gateway); its namespace stays qsm::app.
#pragma once
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "domain/account_policy.hpp"
#include "domain/grade.hpp"
#include "domain/workflow/overdue.hpp"
#include "domain/scoring/template.hpp"
#include "domain/tunables.hpp"
#include "domain/time.hpp"
#include "service/sms_gateway.hpp"
#include "store/audit.hpp"
#include "store/db.hpp"
#include "store/identity_store.hpp"

namespace qsm::app {

// Wall clock, or a fixed instant from QSM_NOW for tests and demos.
class Clock {
 public:
  static Clock from_environment();
  static Clock at(domain::Instant t) {
    Clock c;
    c.fixed_ = t;
    return c;
  }
  domain::Instant now() const;
  bool fixed() const { return fixed_.has_value(); }

 private:
  std::optional<domain::Instant> fixed_;
};

struct Settings {
  std::string certificate_field = "serialNumber";
  std::vector<std::string> trusted_proxies;  // CIDRs
  std::string proxy_cert_header = "x-ssl-client-cert";
  std::string client_ca;  // for verifying proxy-forwarded certificates
  // > 0 (serve --http-redirect): the plain listener only redirects to HTTPS on this port, and HTTPS
  // answers carry Strict-Transport-Security.
  int https_redirect_port = 0;
};

// 参数设置 as this process applies them (issue 27): the current values, replaced whole when they change
// (through the API here, or in the database by another process: service::refresh_tunables). Every
// value that was ever current is kept (a handful a year), so a reference taken from one stays valid.
class TunablesHolder {
 public:
  explicit TunablesHolder(domain::Tunables initial = {});
  const domain::Tunables& get() const { return *current_.load(std::memory_order_acquire); }
  // Makes `next` current; `stamp` is the database's settings stamp it was read at.
  void set(domain::Tunables next, std::int64_t stamp);
  std::int64_t stamp() const { return stamp_.load(std::memory_order_acquire); }

 private:
  std::mutex mutex_;
  std::deque<domain::Tunables> kept_;
  std::atomic<const domain::Tunables*> current_;
  std::atomic<std::int64_t> stamp_{-1};
};

// Parsed scoring templates by id: a version never changes once loaded, so one parse serves every
// sheet of every declaration pinned to it.
class TemplateCache {
 public:
  // The template with this id (Failure(not_found) if there is none), parsed once.
  std::shared_ptr<const domain::scoring::Template> get(store::Connection& c, std::int64_t id);

 private:
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<const domain::scoring::Template>> by_id_;
};

// Session rows by token hash for a moment, so a burst of requests on one session reads the database
// once. Safe because the entry lives at most kTtl: this process forgets a session at once when it
// revokes, binds or refreshes it; another process's revocation (several servers on PostgreSQL) is
// seen within kTtl. Misses are never cached (tokens are random), and the map is bounded.
class SessionCache {
 public:
  static constexpr std::chrono::milliseconds kTtl{1000};
  static constexpr std::size_t kMaxEntries = 20'000;
  std::optional<store::SessionRow> get(const std::string& token_hash);
  void put(const std::string& token_hash, const store::SessionRow& row);
  void forget(std::int64_t session_id);
  void forget_account(std::int64_t account_id);

 private:
  struct Entry {
    store::SessionRow row;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_hash_;
};

// Sessions' last-seen times waiting to be written. A session is refreshed at most once a minute, so a
// city's 10k users would make ~170 one-row write transactions a second (each a commit that empties
// every other SQLite connection's page cache); `qsm serve` turns them into one write a second
// (flush_session_touches). Without a server (commands, tests) nothing waits: `deferred` is false.
class SessionTouches {
 public:
  std::atomic<bool> deferred{false};
  void add(std::int64_t session_id, std::int64_t at_ms);
  std::vector<std::pair<std::int64_t, std::int64_t>> take();  // (session id, ms), and empties it

 private:
  std::mutex mutex_;
  std::unordered_map<std::int64_t, std::int64_t> at_;
};

struct App {
  std::shared_ptr<store::Database> db;
  crypto::Secret secret;
  store::AuditKey audit_key;  // derived from `secret`: the audit records' MACs, links and checkpoints
  Clock clock;
  Settings settings;
  std::shared_ptr<TunablesHolder> tunables = std::make_shared<TunablesHolder>();
  // The settings in force now (参数设置): read them through this at each use, never keep a copy.
  const domain::Tunables& tuned() const { return tunables->get(); }
  std::shared_ptr<service::SmsGateway> sms = service::outbox_gateway();
  std::shared_ptr<TemplateCache> templates = std::make_shared<TemplateCache>();
  std::shared_ptr<SessionCache> sessions = std::make_shared<SessionCache>();
  std::shared_ptr<SessionTouches> touches = std::make_shared<SessionTouches>();
};

// "sqlite:data/qsm.db" → "data/qsm.secret"; PostgreSQL → "data/qsm.secret" unless given.
std::string default_secret_path(const std::string& db_url);
// Opens the database, migrates it and loads the secret.
App open_app(const std::string& db_url, const std::string& secret_path, const store::OpenOptions& options = {});

}  // namespace qsm::app
