// The backend-neutral half of the database layer: rows, the pool, opening by URL.
#include "store/db.hpp"

#include <charconv>
#include <filesystem>

namespace qsm::store {

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  return {};
}

std::string Row::take_blob(std::size_t i) {
  Value& v = values_.at(i);
  if (auto* b = std::get_if<Blob>(&v)) return std::move(b->bytes);
  if (auto* s = std::get_if<std::string>(&v)) return std::move(*s);
  return {};
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::vector<Row> Connection::query(std::string_view sql, std::span<const Value> params) {
  std::vector<Row> rows;
  run(sql, params, [&](Row& r) { rows.push_back(std::move(r)); });
  return rows;
}

std::optional<Row> Connection::query_one(std::string_view sql, std::span<const Value> params) {
  std::optional<Row> row;
  run(sql, params, [&](Row& r) {
    if (!row) row = std::move(r);
  });
  return row;
}

std::int64_t Connection::execute(std::string_view sql, std::span<const Value> params) {
  return run(sql, params, [](Row&) {});
}

std::string with_rows(std::string_view statement, std::size_t columns, std::size_t rows) {
  std::string groups;
  for (std::size_t r = 0, n = 1; r < rows; ++r) {
    groups += r ? ", (" : "(";
    for (std::size_t c = 0; c < columns; ++c) groups += (c ? ", $" : "$") + std::to_string(n++);
    groups += ')';
  }
  std::string out(statement);
  out.replace(out.find("{rows}"), 6, groups);
  return out;
}

void execute_rows(Connection& c, std::string_view statement, std::size_t columns, std::span<const Value> values,
                  std::span<const std::size_t> sizes) {
  std::size_t done = 0;
  const std::size_t records = values.size() / columns;
  for (auto size : sizes)
    for (; records - done >= size; done += size)
      c.execute(with_rows(statement, columns, size), values.subspan(done * columns, size * columns));
}

void Connection::begin(bool write) {
  if (dialect() == Dialect::sqlite)
    execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
  else
    execute_script(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void Connection::commit() { execute_script("COMMIT"); }

void Connection::rollback() noexcept {
  try {
    execute_script("ROLLBACK");
  } catch (...) {
    // Nothing was open, or the connection is gone; either way there is nothing to undo.
  }
}

Database::Database(Dialect d, std::string redacted_url, OpenOptions options)
    : dialect_(d), redacted_url_(std::move(redacted_url)), options_(options) {}

Database::~Database() = default;

bool Database::await_checkpoint(std::stop_token stop) {
  std::mutex m;
  std::condition_variable_any never;
  std::unique_lock lock(m);
  never.wait(lock, stop, [] { return false; });
  return false;
}

std::unique_ptr<Connection> Database::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (open_count_ < options_.pool_size) {
      ++open_count_;
      lock.unlock();
      try {
        return connect();
      } catch (...) {
        lock.lock();
        --open_count_;
        available_.notify_one();
        throw;
      }
    }
    available_.wait(lock);
  }
}

void Database::release(std::unique_ptr<Connection> c, bool healthy) {
  std::lock_guard lock(mutex_);
  if (healthy)
    idle_.push_back(std::move(c));
  else
    --open_count_;
  available_.notify_one();
}

std::unique_ptr<Connection> Database::take(bool turn) {
  if (!turn) return acquire();
  if (writer_connection_) return std::move(writer_connection_);
  return connect();
}

void Database::give_back(bool turn, std::unique_ptr<Connection> c, bool healthy) {
  if (!turn) return release(std::move(c), healthy);
  if (healthy) writer_connection_ = std::move(c);
}

namespace {

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, OpenOptions options)
      : Database(Dialect::sqlite, "sqlite:" + path, options), path_(std::move(path)), options_(options) {
    if (options_.sqlite_background_checkpoint)
      watch_ = std::make_shared<const WalWatch>([mark = mark_, at = options_.sqlite_checkpoint_pages](int pages) {
        {
          std::lock_guard lock(mark->mutex);
          // Fewer pages than the last checkpoint copied: a writer has started the WAL over.
          const int copied = pages < mark->copied ? 0 : mark->copied;
          if (pages - copied < at) return;
          mark->due = true;
        }
        mark->passed.notify_one();
      });
  }

 protected:
  std::unique_ptr<Connection> connect() override { return connect_sqlite(path_, options_, watch_); }

 public:
  bool await_checkpoint(std::stop_token stop) override {
    if (!watch_) return Database::await_checkpoint(stop);
    std::unique_lock lock(mark_->mutex);
    if (!mark_->passed.wait(lock, stop, [this] { return mark_->due; })) return false;
    mark_->due = false;
    return true;
  }

  // SQLite starts the WAL over (at the next write) only when a checkpoint has copied all of it. The
  // writers commit all along while the first pass copies what the WAL held when it began, so alone
  // it hardly ever left the WAL complete: the WAL grew without end (1.1 GB in a 30 s save run) and
  // every commit past the mark woke a checkpoint of the last few frames, with two fdatasyncs each
  // (~1,500 a second, 28 % of the server's CPU). The second pass holds the writers' turn only for
  // what they appended during the first (nothing to copy, nothing synced when they appended none).
  Checkpointed checkpoint() override {
    std::lock_guard lock(checkpoint_mutex_);
    if (!checkpointer_) checkpointer_ = connect_sqlite(path_, options_);
    try {
      // Beside the writers until a pass finds few frames appended during the one before it, or
      // kPassesBeside passes: writers that append faster than a pass copies still get the locked
      // pass, and the WAL still ends complete.
      auto before = pass();
      for (int passes = 1; passes < kPassesBeside && before.wal_pages > 0; ++passes) {
        const auto now = pass();
        if (now.wal_pages - before.wal_pages < kTailPages || now.wal_pages < before.wal_pages) break;
        before = now;
      }
      Checkpointed done;
      {
        auto turn = writers_turn();
        done = pass();
      }
      {
        std::lock_guard mark(mark_->mutex);
        mark_->copied = done.copied_pages;
        mark_->due = false;  // the next commit past the mark sets it again
      }
      return done;
    } catch (const DbError&) {
      checkpointer_.reset();  // a fresh connection next time
      throw;
    }
  }

  // SQLite's data_version of a connection that never writes changes on every commit of every
  // other connection, in this process or another (SQLite's own guarantee).
  std::optional<std::uint64_t> data_version() override {
    std::lock_guard lock(watch_mutex_);
    if (!watcher_) watcher_ = connect_sqlite(path_, options_);
    return static_cast<std::uint64_t>(watcher_->query_one("PRAGMA data_version")->integer(0));
  }

 private:
  // A pass beside the writers that found fewer pages than this appended during the one before it
  // leaves the rest to the pass with the writers' turn held.
  static constexpr int kTailPages = 256;
  static constexpr int kPassesBeside = 4;
  struct WalMark {
    std::mutex mutex;
    std::condition_variable_any passed;
    bool due = false;
    int copied = 0;  // the WAL's frames the last checkpoint left in the file
  };

  // PRAGMA wal_checkpoint answers (busy, the WAL's frames, how many are in the file); -1 for the
  // last two when the database is not in WAL mode.
  Checkpointed pass() {
    const auto r = checkpointer_->query_one("PRAGMA wal_checkpoint(PASSIVE)");
    return {.wal_pages = static_cast<int>(std::max<std::int64_t>(0, r->integer(1))),
            .copied_pages = static_cast<int>(std::max<std::int64_t>(0, r->integer(2)))};
  }

  std::string path_;
  OpenOptions options_;
  std::mutex watch_mutex_;
  std::unique_ptr<Connection> watcher_;
  std::shared_ptr<WalMark> mark_ = std::make_shared<WalMark>();
  std::shared_ptr<const WalWatch> watch_;  // set with sqlite_background_checkpoint: every pool connection tells it
  std::mutex checkpoint_mutex_;
  std::unique_ptr<Connection> checkpointer_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::string redacted, OpenOptions options)
      : Database(Dialect::postgresql, std::move(redacted), options), url_(std::move(url)) {}

 protected:
  std::unique_ptr<Connection> connect() override { return connect_postgresql(url_); }

 private:
  std::string url_;
};

// postgresql://user:secret@host/db → postgresql://user:***@host/db, for logs.
std::string redact(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

std::shared_ptr<Database> Database::open(const std::string& url, const OpenOptions& options) {
  std::shared_ptr<Database> db;
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) throw DbError(DbError::Kind::connection, "数据库地址 sqlite: 缺少文件路径");
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !options.read_only) std::filesystem::create_directories(parent);
    db = std::make_shared<SqliteDatabase>(path, options);
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    db = std::make_shared<PostgresDatabase>(url, redact(url), options);
  } else {
    throw DbError(DbError::Kind::connection,
                  "无法识别的数据库地址 '" + redact(url) + "'：应为 sqlite:PATH 或 postgresql://…");
  }
  // Open one connection now, so a bad path or an unreachable server fails at start-up.
  db->release(db->acquire(), true);
  return db;
}

}  // namespace qsm::store
