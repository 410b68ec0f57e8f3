// SQLite's WAL checkpoints off the request path (store::OpenOptions::sqlite_background_checkpoint,
// issue 25): a commit that leaves the WAL at the mark wakes the checkpointing thread instead of
// checkpointing itself, and the checkpoint copies the WAL into the database file.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>
#include <unistd.h>

#include "store/db.hpp"

namespace qsm::test {
namespace {

namespace fs = std::filesystem;

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qsm-checkpoint-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::shared_ptr<store::Database> open(bool background) {
    auto db = store::Database::open("sqlite:" + path_, {.pool_size = 2, .sqlite_background_checkpoint = background, .sqlite_checkpoint_pages = 1000});
    db->write([](store::Connection& c) { c.execute_script("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"); });
    return db;
  }
  // One commit of `pages` pages of rows.
  static void write_pages(store::Database& db, int pages) {
    db.write([&](store::Connection& c) {
      for (int i = 0; i < pages; ++i) c.execute("INSERT INTO t (body) VALUES ($1)", store::params(std::string(4000, 'x')));
    });
  }
  // The WAL file's length: it grows while commits append to it and stays put once a writer starts it
  // over after a complete checkpoint (SQLite reuses the file rather than truncating it).
  std::int64_t wal_bytes() const { return fs::exists(path_ + "-wal") ? static_cast<std::int64_t>(fs::file_size(path_ + "-wal")) : 0; }

  fs::path dir_;
  std::string path_;
};

bool returns_within(std::future<bool>& f, std::chrono::milliseconds ms) { return f.wait_for(ms) == std::future_status::ready; }

TEST_F(CheckpointTest, ACommitPastTheMarkWakesTheCheckpointerInsteadOfCheckpointing) {
  auto db = open(true);
  std::stop_source stop;
  auto woke = std::async(std::launch::async, [&] { return db->await_checkpoint(stop.get_token()); });
  write_pages(*db, 50);  // well under the mark: nobody is woken
  EXPECT_FALSE(returns_within(woke, std::chrono::milliseconds(100)));

  write_pages(*db, 1100);
  ASSERT_TRUE(returns_within(woke, std::chrono::seconds(5)));
  EXPECT_TRUE(woke.get());
  // The committing connection did not checkpoint: the next commit appends to the WAL instead of
  // starting it over, so it grows past the big commit's frames.
  const auto after_big = wal_bytes();
  write_pages(*db, 10);
  EXPECT_GT(wal_bytes(), after_big);

  db->checkpoint();
  // Everything is in the file now: the next writer starts the WAL over from its first frame, so the
  // WAL file stops growing, and a fresh connection reads every row.
  const auto checkpointed = wal_bytes();
  write_pages(*db, 10);
  EXPECT_EQ(wal_bytes(), checkpointed);
  auto other = store::Database::open("sqlite:" + path_, {.pool_size = 1, .read_only = true});
  EXPECT_EQ(other->read([](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM t")->integer(0); }), 50 + 1100 + 10 + 10);
}

TEST_F(CheckpointTest, ACheckpointCopiesTheWholeWALWhileWritersKeepCommitting) {
  auto db = open(true);
  write_pages(*db, 1100);
  std::atomic<bool> stop = false;
  std::atomic<int> commits = 0;
  auto writer = std::async(std::launch::async, [&] {
    while (!stop) write_pages(*db, 5), ++commits;
  });
  while (commits < 20) std::this_thread::yield();
  // Each checkpoint leaves every frame in the file, although the writer appended frames while it
  // copied; so the writer's next commit starts the WAL over, and the next checkpoint finds only the
  // frames of commits since then (at most 8 a commit: 5 rows and the tree's inner pages), not the
  // WAL of the whole run.
  for (int i = 0, before = 0; i < 10; ++i) {
    const auto done = db->checkpoint();
    EXPECT_GT(done.wal_pages, 0);
    EXPECT_EQ(done.copied_pages, done.wal_pages) << "checkpoint " << i;
    if (i > 0) EXPECT_LE(done.wal_pages, (commits - before + 2) * 8) << "checkpoint " << i;
    before = commits;
    while (commits < before + 50) std::this_thread::yield();
  }
  stop = true;
  writer.get();
}

TEST_F(CheckpointTest, OnlyPagesNoCheckpointCopiedCountTowardsTheMark) {
  auto db = open(true);
  std::stop_source stop;
  auto first = std::async(std::launch::async, [&] { return db->await_checkpoint(stop.get_token()); });
  write_pages(*db, 1100);
  ASSERT_TRUE(returns_within(first, std::chrono::seconds(5)));
  // A reader keeps its snapshot: the checkpoint can copy no frame the writes after it appended.
  auto reader = store::connect_sqlite(path_, {});
  reader->begin(false);
  EXPECT_EQ(reader->query_one("SELECT COUNT(*) FROM t")->integer(0), 1100);
  write_pages(*db, 500);
  const auto done = db->checkpoint();
  EXPECT_LT(done.copied_pages, done.wal_pages);
  EXPECT_GE(done.wal_pages - done.copied_pages, 500);
  reader->rollback();

  // The WAL is past 1,000 pages, but only ~500 of them wait to be copied: no wake-up yet.
  auto woke = std::async(std::launch::async, [&] { return db->await_checkpoint(stop.get_token()); });
  write_pages(*db, 10);
  EXPECT_FALSE(returns_within(woke, std::chrono::milliseconds(100)));
  write_pages(*db, 600);
  ASSERT_TRUE(returns_within(woke, std::chrono::seconds(5)));
  EXPECT_TRUE(woke.get());
}

TEST_F(CheckpointTest, TheWaitEndsWhenTheServerStops) {
  auto db = open(true);
  std::stop_source stop;
  auto woke = std::async(std::launch::async, [&] { return db->await_checkpoint(stop.get_token()); });
  EXPECT_FALSE(returns_within(woke, std::chrono::milliseconds(50)));
  stop.request_stop();
  ASSERT_TRUE(returns_within(woke, std::chrono::seconds(5)));
  EXPECT_FALSE(woke.get());
}

TEST_F(CheckpointTest, WithoutTheOptionSQLiteCheckpointsOnItsOwnAndNobodyIsWoken) {
  auto db = open(false);
  std::stop_source stop;
  auto woke = std::async(std::launch::async, [&] { return db->await_checkpoint(stop.get_token()); });
  write_pages(*db, 1100);
  const auto after_big = wal_bytes();
  write_pages(*db, 10);  // the big commit's automatic checkpoint let this one start the WAL over
  EXPECT_EQ(wal_bytes(), after_big);
  EXPECT_FALSE(returns_within(woke, std::chrono::milliseconds(100)));
  stop.request_stop();
  EXPECT_FALSE(woke.get());
}

}  // namespace
}  // namespace qsm::test
