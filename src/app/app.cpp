// Opening the application context.
#include "app/app.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "store/migrate.hpp"

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

std::string default_secret_path(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path p(db_url.substr(7));
    return (p.parent_path() / (p.stem().string() + ".secret")).string();
  }
  return "data/qsm.secret";
}

App open_app(const std::string& db_url, const std::string& secret_path) {
  App app{store::Database::open(db_url), auth::Secret::load_or_create(secret_path.empty() ? default_secret_path(db_url) : secret_path),
          Clock::from_environment(), Settings{}};
  store::migrate(*app.db);
  return app;
}

}  // namespace qsm::app
