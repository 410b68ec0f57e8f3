// Transactions on both backends, as PostgreSQL's connection now sends them (issue 25): BEGIN goes
// with the transaction's first statement in one pipeline, and a read-only COMMIT is not waited for.
// Whatever the first statement is and however it ends, it runs inside the transaction: a write
// thrown away leaves nothing, a read keeps its snapshot, and the connection serves the next
// transaction. One connection per database here, so that every transaction reuses the one before's.
#include "store_fixture.hpp"

namespace qsm::test {
namespace {

class TransactionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    one_ = store::Database::open(url(), {.pool_size = 1});
    one_->write([](store::Connection& c) { c.execute_script("CREATE TABLE pipe_rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); });
  }
  void TearDown() override {
    one_.reset();
    StoreTest::TearDown();
  }
  std::int64_t rows() {
    return one_->read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM pipe_rows")->integer(0); });
  }
  void insert(store::Connection& c, std::int64_t id) { c.execute("INSERT INTO pipe_rows (id, v) VALUES ($1, $2)", store::params(id, "行")); }

  std::shared_ptr<store::Database> one_;
};

}  // namespace

TEST_P(TransactionTest, AWriteThrownAwayAfterItsFirstStatementLeavesNothing) {
  one_->write([&](store::Connection& c) { insert(c, 1); });
  EXPECT_THROW(one_->write([&](store::Connection& c) {
    insert(c, 2);
    throw std::runtime_error("refused after the first statement");
  }),
               std::runtime_error);
  EXPECT_EQ(rows(), 1) << "the first statement ran inside the transaction that was rolled back";
  EXPECT_THROW(one_->write([&](store::Connection& c) { insert(c, 1); }), store::DbError);
  try {
    one_->write([&](store::Connection& c) { insert(c, 1); });
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind(), store::DbError::Kind::unique_violation) << e.what();
  }
  one_->write([&](store::Connection& c) {
    insert(c, 3);
    insert(c, 4);
  });
  EXPECT_EQ(rows(), 3) << "the connection serves the next transaction after a failed first statement";
}

TEST_P(TransactionTest, AReadKeepsItsSnapshotFromItsFirstStatement) {
  one_->write([&](store::Connection& c) { insert(c, 1); });
  const auto seen = one_->read([&](store::Connection& c) {
    const auto before = c.query_one("SELECT COUNT(*) FROM pipe_rows")->integer(0);
    db().write([&](store::Connection& other) { insert(other, 2); });  // another connection commits in between
    const auto after = c.query_one("SELECT COUNT(*) FROM pipe_rows")->integer(0);
    return std::pair{before, after};
  });
  EXPECT_EQ(seen.first, 1);
  EXPECT_EQ(seen.second, 1) << "both statements read the snapshot the transaction's first statement took";
  EXPECT_EQ(rows(), 2) << "the next read, after the unread COMMIT, sees the other connection's write";
}

TEST_P(TransactionTest, ReadsAndWritesTakeTurnsOnOneConnection) {
  for (std::int64_t i = 1; i <= 50; ++i) {
    one_->write([&](store::Connection& c) { insert(c, i); });
    EXPECT_EQ(rows(), i);
    one_->read([](store::Connection&) {});  // a transaction without a statement sends nothing
  }
}

// SQLite: every write runs on the writers' own connection, never one a read holds (it keeps its page
// cache warm: only its own commits change the file). A failed write keeps it; PostgreSQL's writes take
// a connection of the pool.
TEST_P(TransactionTest, OnSQLiteEveryWriteRunsOnTheWritersOwnConnection) {
  if (!db().writers_take_turns()) GTEST_SKIP() << "PostgreSQL's writers run side by side";
  const store::Connection* writer = nullptr;
  one_->write([&](store::Connection& c) {
    writer = &c;
    insert(c, 1);
  });
  EXPECT_THROW(one_->write([&](store::Connection& c) {
    EXPECT_EQ(&c, writer);
    insert(c, 1);  // a unique violation
  }),
               store::DbError);
  const store::Connection* reader = nullptr;
  one_->read([&](store::Connection& r) { reader = &r; });
  EXPECT_NE(reader, writer) << "the pool's one connection serves the reads; the writes have their own";
  one_->write([&](store::Connection& c) {
    EXPECT_EQ(&c, writer);
    insert(c, 2);
  });
  EXPECT_EQ(rows(), 2);
}

TEST_P(TransactionTest, OnPostgreSQLAReadIsReadOnlyFromItsFirstStatementAndSurvivesItsErrors) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite's reads are plain deferred transactions";
  try {
    one_->read([&](store::Connection& c) { insert(c, 1); });
    ADD_FAILURE() << "a read-only transaction wrote";
  } catch (const store::DbError& e) {
    EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
  }
  EXPECT_THROW(one_->read([](store::Connection& c) { c.query_one("SELECT 1 / $1", store::params(0)); }), store::DbError);
  EXPECT_EQ(rows(), 0) << "the connection is usable after a read's first statement failed";
  one_->write([&](store::Connection& c) { insert(c, 1); });
  EXPECT_EQ(rows(), 1);
}

// Every connection of the server plans once per statement (generic plans) and without parallel
// workers: on a few cores shared by many requests a worker made the month list's count and page with a
// short search 46 ms instead of 4–5 (issue 25, session 31).
TEST_P(TransactionTest, OnPostgreSQLEveryConnectionPlansOnceAndWithoutParallelWorkers) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "PostgreSQL's planner settings";
  for (bool write : {false, true}) {
    const auto settings = [](store::Connection& c) {
      return c.query_one("SELECT current_setting('plan_cache_mode') || ' ' || current_setting('max_parallel_workers_per_gather')", {})->text(0);
    };
    EXPECT_EQ(write ? one_->write(settings) : one_->read(settings), "force_generic_plan 0") << (write ? "the writer" : "a reader");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TransactionTest, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace qsm::test
