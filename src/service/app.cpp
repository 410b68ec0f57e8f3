// Opening the application context.
#include "service/app.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "domain/error.hpp"
#include "store/migrate.hpp"
#include "store/template_store.hpp"

namespace qsm::app {

Clock Clock::from_environment() {
  Clock c;
  if (const char* now = std::getenv("QSM_NOW"); now && *now) {
    auto t = domain::parse_instant(now);
    if (!t) throw std::runtime_error(std::string("QSM_NOW='") + now + "' 不是带时区的 ISO 8601 时间，例如 2026-03-15T09:30:00+08:00");
    c.fixed_ = *t;
  }
  return c;
}

domain::Instant Clock::now() const {
  if (fixed_) return *fixed_;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

TunablesHolder::TunablesHolder(domain::Tunables initial) {
  kept_.push_back(std::move(initial));
  current_.store(&kept_.back(), std::memory_order_release);
}

void TunablesHolder::set(domain::Tunables next, std::int64_t stamp) {
  std::lock_guard lock(mutex_);
  kept_.push_back(std::move(next));  // a deque never moves what it holds
  current_.store(&kept_.back(), std::memory_order_release);
  stamp_.store(stamp, std::memory_order_release);
}

std::optional<store::SessionRow> SessionCache::get(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(token_hash);
  if (it == by_hash_.end()) return std::nullopt;
  if (std::chrono::steady_clock::now() - it->second.at > kTtl) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second.row;
}

void SessionCache::put(const std::string& token_hash, const store::SessionRow& row) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (by_hash_.size() >= kMaxEntries) std::erase_if(by_hash_, [&](const auto& e) { return now - e.second.at > kTtl; });
  if (by_hash_.size() >= kMaxEntries) by_hash_.clear();
  by_hash_.insert_or_assign(token_hash, Entry{row, now});
}

void SessionCache::forget(std::int64_t session_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_hash_, [&](const auto& e) { return e.second.row.id == session_id; });
}

void SessionCache::forget_account(std::int64_t account_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_hash_, [&](const auto& e) { return e.second.row.actor.account_id == account_id; });
}

void SessionTouches::add(std::int64_t session_id, std::int64_t at_ms) {
  std::lock_guard lock(mutex_);
  auto& at = at_[session_id];
  at = std::max(at, at_ms);
}

std::vector<std::pair<std::int64_t, std::int64_t>> SessionTouches::take() {
  std::unordered_map<std::int64_t, std::int64_t> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(at_);
  }
  return {taken.begin(), taken.end()};
}

std::shared_ptr<const domain::scoring::Template> TemplateCache::get(store::Connection& c, std::int64_t id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  }
  auto stored = store::find_template_by_id(c, id);
  if (!stored) throw Failure(Error::not_found, "评分标准不存在");
  // Stored bodies passed the checks when they were loaded.
  auto parsed = domain::scoring::parse_template(boost::json::parse(stored->body));
  auto t = std::make_shared<const domain::scoring::Template>(std::move(parsed.tmpl));
  std::lock_guard lock(mutex_);
  return by_id_.emplace(id, std::move(t)).first->second;
}

std::string default_secret_path(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path p(db_url.substr(7));
    return (p.parent_path() / (p.stem().string() + ".secret")).string();
  }
  return "data/qsm.secret";
}

App open_app(const std::string& db_url, const std::string& secret_path, const store::OpenOptions& options) {
  auto secret = crypto::Secret::load_or_create(secret_path.empty() ? default_secret_path(db_url) : secret_path);
  App app{store::Database::open(db_url, options), secret, store::AuditKey(secret), Clock::from_environment(), Settings{}};
  store::migrate(*app.db);
  return app;
}

}  // namespace qsm::app
