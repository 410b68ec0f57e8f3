// What each SQLite statement read (store::StatementPages, `qsm serve --sqlite-statement-pages`,
// issue 25): a statement that reads the whole of a table larger than the page cache counts its pages
// as read from the file; a statement on a small table counts its page as a cache hit once the cache
// holds it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "store/db.hpp"
#include "store/statement_pages.hpp"

namespace qsm::test {
namespace {

namespace fs = std::filesystem;

class StatementPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qsm-statement-pages-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
    // 2,000 rows of ~4 KB: ~2,000 pages, eight times a 1 MiB page cache; and a table of one row.
    auto db = store::Database::open("sqlite:" + path_, {.pool_size = 1});
    db->write([](store::Connection& c) {
      c.execute_script("CREATE TABLE big (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE small (id INTEGER PRIMARY KEY)");
      for (int i = 0; i < 2000; ++i) c.execute("INSERT INTO big (body) VALUES ($1)", store::params(std::string(4000, 'x')));
      c.execute("INSERT INTO small (id) VALUES (1)");
    });
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string path_;
};

constexpr std::string_view kBig = "SELECT COUNT(*), SUM(LENGTH(body)) FROM big";
constexpr std::string_view kSmall = "SELECT id FROM small";

TEST_F(StatementPagesTest, EachStatementCountsItsCallsAndThePagesItRead) {
  auto pages = std::make_shared<store::StatementPages>();
  auto db = store::Database::open("sqlite:" + path_, {.pool_size = 1, .sqlite_cache_kib = 1024, .sqlite_statement_pages = pages});
  for (int i = 0; i < 3; ++i)
    db->read([](store::Connection& c) {
      c.query_one(kBig, {});
      c.query_one(kSmall, {});  // its page was pushed out by the big table's: read again
      c.query_one(kSmall, {});  // now in the cache
      return 0;
    });
  const auto big = pages->of(kBig);
  EXPECT_EQ(big.calls, 3);
  // Every call reads the table again: it does not fit in the cache.
  EXPECT_GE(big.misses, 3 * 1900) << big.hits;
  const auto small = pages->of(kSmall);
  EXPECT_EQ(small.calls, 6);
  EXPECT_EQ(small.misses, 3);
  EXPECT_EQ(small.hits, 3);

  std::ostringstream out;
  pages->write(out);
  std::istringstream lines(out.str());
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header, "calls\tread/call\thit/call\tread\thit\tsql");
  // The most pages read first; the SQL on one line.
  EXPECT_TRUE(first.starts_with("3\t")) << first;
  EXPECT_TRUE(first.ends_with("\t" + std::string(kBig))) << first;
  EXPECT_TRUE(second.starts_with("6\t0.5\t0.5\t3\t3\t")) << second;
  EXPECT_TRUE(second.ends_with("\t" + std::string(kSmall))) << second;
}

}  // namespace
}  // namespace qsm::test
