// qsm copy: the demo installation on SQLite copied into an empty database of each backend; every
// table's rows and checksum equal, the audit chain still verifies with the source's secret, new ids
// continue after the copied ones and new records are linked into the same chain, and a target that holds anything is refused without a change.
#include "cli/commands.hpp"
#include "domain/error.hpp"
#include "store/audit.hpp"
#include "store/copy.hpp"
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

class CopyTest : public StoreTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / unique_name("qsm-copy-");
    std::filesystem::create_directories(dir_);
    source_url_ = "sqlite:" + (dir_ / "qsm.db").string();
    cli::demo({source_url_, (dir_ / "qsm.secret").string(), {}}, true);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::shared_ptr<store::Database> source() {
    auto db = store::Database::open(source_url_);
    store::migrate(*db);
    return db;
  }
  static inline std::filesystem::path dir_;
  static inline std::string source_url_;
};

TEST_P(CopyTest, EveryTableArrivesWithTheSameRowsAndChecksum) {
  auto from = source();
  auto copied = store::copy_database(*from, db());
  ASSERT_EQ(copied.size(), store::copied_tables().size());
  std::int64_t audit_rows = 0;
  for (const auto& t : copied) {
    auto here = db().read([&](store::Connection& c) { return store::table_checksum(c, t.table); });
    auto there = from->read([&](store::Connection& c) { return store::table_checksum(c, t.table); });
    EXPECT_EQ(here.rows, there.rows) << t.table;
    EXPECT_EQ(here.checksum, there.checksum) << t.table;
    EXPECT_EQ(t.checksum, there.checksum) << t.table;
    if (t.table == "audit_log") audit_rows = t.rows;
  }
  // Every audit row arrived: as many as the source holds, and the demo's workflows left a history of
  // each kind (how many months it evaluated depends on the day the demo was seeded, so no fixed count).
  auto source_rows = from->read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM audit_log")->integer(0); });
  EXPECT_EQ(audit_rows, source_rows);
  // The maintained counts (V040/V041, V058/V059, V077/V078) are not copied: the target's triggers count the rows
  // copied, to what the source holds.
  for (const char* counts : {"declaration_counts", "quarterly_counts", "monthly_counts", "monthly_contractor_counts", "quarterly_grade_counts"}) {
    const auto rows_of = [&](store::Database& d) {
      return d.read([&](store::Connection& c) {
        std::vector<std::string> out;
        c.run("SELECT * FROM " + std::string(counts) + " WHERE n <> 0 ORDER BY 1, 2", {},
              [&](store::Row& r) { out.push_back(std::to_string(r.integer(0)) + " " + r.text(1) + " " + std::to_string(r.integer(2))); });
        return out;
      });
    };
    const auto there_counts = rows_of(*from);
    EXPECT_FALSE(there_counts.empty()) << counts;
    EXPECT_EQ(rows_of(db()), there_counts) << counts;
  }
  // Nor are a declaration's months' number, first and last period (V061/V062) and the number past their
  // draft (V065/V066), nor its latest reviewed score (V075/V076), counted as its months are copied.
  const auto spans_of = [](store::Database& d) {
    return d.read([](store::Connection& c) {
      std::vector<std::string> out;
      c.run("SELECT id, months_n, months_first, months_last, months_submitted_n, latest_review_score FROM declarations WHERE months_n <> 0 ORDER BY id", {},
            [&](store::Row& r) {
              const auto score = r.opt_integer(5);
              out.push_back(std::to_string(r.integer(0)) + " " + std::to_string(r.integer(1)) + " " + r.text(2) + " " + r.text(3) + " " +
                            std::to_string(r.integer(4)) + " " + (score ? std::to_string(*score) : "-"));
            });
      return out;
    });
  };
  const auto there_spans = spans_of(*from);
  EXPECT_FALSE(there_spans.empty());
  EXPECT_TRUE(std::any_of(there_spans.begin(), there_spans.end(), [](const std::string& s) { return !s.ends_with(" -"); })) << "no reviewed score to copy";
  EXPECT_EQ(spans_of(db()), there_spans);
  for (const char* entity : {"declaration", "monthly_evaluation", "quarterly_registration"}) {
    auto n = db().read([&](store::Connection& c) {
      return c.query_one("SELECT COUNT(*) FROM audit_log WHERE entity = $1", store::params(entity))->integer(0);
    });
    EXPECT_GT(n, 0) << entity;
  }

  // The MACs were made with the source's secret; the copy is checked with the same one.
  const store::AuditKey key(crypto::Secret::load((dir_ / "qsm.secret").string()));
  auto verify = [&] { return db().read([&](store::Connection& c) { return store::verify_audit(c, key); }); };
  auto v = verify();
  EXPECT_TRUE(v.ok()) << (v.problems.empty() ? "" : v.problems.front().reason);
  EXPECT_EQ(v.linked + v.pending, audit_rows);

  // New records continue after the copied ids and extend the same chain.
  domain::Actor actor;
  actor.role = domain::Role::admin;
  actor.name = "系统管理员";
  actor.ref = "account:1";
  db().write([&](store::Connection& c) {
    store::append_audit(c, key, {"registry", 1, std::nullopt, "import", std::nullopt, std::nullopt, std::nullopt}, actor,
                        *domain::parse_instant("2026-11-24T09:00:00+08:00"));
  });
  db().write([&](store::Connection& c) { return store::seal_audit(c, key, *domain::parse_instant("2026-11-24T09:00:01+08:00")); });
  auto max_id = db().read([](store::Connection& c) { return c.query_one("SELECT MAX(id) FROM audit_log")->integer(0); });
  auto max_source = from->read([](store::Connection& c) { return c.query_one("SELECT MAX(id) FROM audit_log")->integer(0); });
  EXPECT_GT(max_id, max_source);
  v = verify();
  EXPECT_TRUE(v.ok()) << (v.problems.empty() ? "" : v.problems.front().reason);
  EXPECT_EQ(v.linked, audit_rows + 1);
  EXPECT_EQ(v.pending, 0);
}

TEST_P(CopyTest, ATargetWithDataIsRefusedAndKeepsItsData) {
  auto from = source();
  store::copy_database(*from, db());
  auto before = db().read([](store::Connection& c) { return store::table_checksum(c, "declarations"); });
  try {
    store::copy_database(*from, db());
    FAIL() << "a second copy into the same database was accepted";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::conflict);
    EXPECT_NE(std::string(f.what()).find("已有数据"), std::string::npos) << f.what();
  }
  auto after = db().read([](store::Connection& c) { return store::table_checksum(c, "declarations"); });
  EXPECT_EQ(before.checksum, after.checksum);
  EXPECT_EQ(before.rows, after.rows);
}

TEST_P(CopyTest, ChecksumsDependOnEveryValueButNotOnRowOrder) {
  db().write([](store::Connection& c) {
    c.execute("INSERT INTO rate_limits (key, window_start, hits) VALUES ('a', 1, 2), ('b', 1, 3)");
  });
  auto first = db().read([](store::Connection& c) { return store::table_checksum(c, "rate_limits"); });
  db().write([](store::Connection& c) {
    c.execute("DELETE FROM rate_limits");
    c.execute("INSERT INTO rate_limits (key, window_start, hits) VALUES ('b', 1, 3), ('a', 1, 2)");
  });
  auto reordered = db().read([](store::Connection& c) { return store::table_checksum(c, "rate_limits"); });
  EXPECT_EQ(first.checksum, reordered.checksum);
  db().write([](store::Connection& c) { c.execute("UPDATE rate_limits SET hits = 4 WHERE key = 'a'"); });
  auto changed = db().read([](store::Connection& c) { return store::table_checksum(c, "rate_limits"); });
  EXPECT_NE(first.checksum, changed.checksum);
  EXPECT_EQ(changed.rows, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CopyTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace qsm::test
