// A fresh database per test on each backend: a temporary SQLite file, or a new database in the
// throwaway PostgreSQL cluster named by QSM_TEST_PG_URL (scripts/test starts it).
#pragma once
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <random>

#include "service/app.hpp"
#include "store/migrate.hpp"

namespace qsm::test {

inline std::string unique_name(std::string_view prefix) {
  static std::mt19937_64 rng{std::random_device{}()};
  return std::string(prefix) + std::to_string(rng() % 1'000'000'000'000ULL);
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database("qsm.db");
    if (url_.empty()) GTEST_SKIP() << "QSM_TEST_PG_URL not set (scripts/test starts a throwaway cluster)";
    dir_secret_ = std::filesystem::temp_directory_path() / unique_name("qsm-secret-");
    app_ = std::make_unique<app::App>(app::open_app(url_, dir_secret_.string()));
  }
  // The URL of a new, empty database of this test's backend (a file in the test's directory, or a new
  // database in the cluster); "" when the backend is not available.
  std::string fresh_database(const std::string& file) {
    if (GetParam() == "sqlite") {
      if (dir_.empty()) dir_ = std::filesystem::temp_directory_path() / unique_name("qsm-store-");
      std::filesystem::create_directories(dir_);
      return "sqlite:" + (dir_ / file).string();
    }
    const char* admin = std::getenv("QSM_TEST_PG_URL");
    if (!admin || !*admin) return {};
    std::string name = unique_name("qsm_t");
    PGconn* c = PQconnectdb(admin);
    EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PQclear(PQexec(c, ("CREATE DATABASE " + name).c_str()));
    PQfinish(c);
    std::string base(admin);
    return base.substr(0, base.rfind('/') + 1) + name;
  }
  void TearDown() override {
    app_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    std::filesystem::remove(dir_secret_, ec);
  }
  app::App& app() { return *app_; }
  store::Database& db() { return *app_->db; }
  const std::string& url() const { return url_; }

 private:
  std::filesystem::path dir_, dir_secret_;
  std::string url_;
  std::unique_ptr<app::App> app_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace qsm::test
