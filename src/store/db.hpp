// One thin database interface over libsqlite3 and libpq: positional parameters ($1, $2, …),
// prepared statements cached per connection, typed rows, a pool, and one transaction type.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qsm::store {

enum class Dialect { sqlite, postgresql };

// Bytes that are not text (a photo): SQLite's BLOB, PostgreSQL's BYTEA ({{blob}} in migrations).
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
// A bound parameter or a column value: NULL, integer, text or bytes.
using Value = std::variant<std::monostate, std::int64_t, std::string, Blob>;

class Row {
 public:
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  std::int64_t integer(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  // A {{blob}} column's bytes (moved out: read it once).
  std::string take_blob(std::size_t i);
  std::vector<Value>& values() { return values_; }
  const std::vector<Value>& values() const { return values_; }

 private:
  std::vector<Value> values_;
};

class DbError : public std::runtime_error {
 public:
  enum class Kind { unique_violation, foreign_key_violation, busy, connection, other };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Builds a parameter list: params(1, "text", std::optional<std::string>{}).
inline Value to_value(std::int64_t v) { return v; }
inline Value to_value(int v) { return std::int64_t{v}; }
inline Value to_value(bool v) { return std::int64_t{v ? 1 : 0}; }
inline Value to_value(std::string v) { return v; }
inline Value to_value(std::string_view v) { return std::string(v); }
inline Value to_value(const char* v) { return std::string(v); }
inline Value to_value(std::monostate) { return std::monostate{}; }
inline Value to_value(Blob v) { return v; }
template <class T>
Value to_value(const std::optional<T>& v) { return v ? to_value(*v) : Value{}; }
template <class... A>
std::vector<Value> params(A&&... a) { return {to_value(std::forward<A>(a))...}; }

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // One statement; on_row is called for every result row. Returns the number of rows changed.
  virtual std::int64_t run(std::string_view sql, std::span<const Value> params,
                           const std::function<void(Row&)>& on_row) = 0;

  std::vector<Row> query(std::string_view sql, std::span<const Value> params = {});
  std::optional<Row> query_one(std::string_view sql, std::span<const Value> params = {});
  std::int64_t execute(std::string_view sql, std::span<const Value> params = {});
  // A transaction's ends. PostgreSQL's connection sends BEGIN with the transaction's first statement
  // and does not wait for a read-only transaction's COMMIT (src/store/postgres.cpp).
  virtual void begin(bool write);
  virtual void commit();
  virtual void rollback() noexcept;
};

// `statement` with its {rows} made of `rows` groups of `columns` numbered parameters: ($1, $2), ($3, $4), …
std::string with_rows(std::string_view statement, std::size_t columns, std::size_t rows);
// Runs `statement` (with {rows}) over all `values`, `columns` of them a row, in statements of `sizes`
// rows (largest first, the last 1): few statements, and at most one text of each size to prepare.
void execute_rows(Connection& c, std::string_view statement, std::size_t columns, std::span<const Value> values,
                  std::span<const std::size_t> sizes);

class StatementPages;

struct OpenOptions {
  int pool_size = 8;
  bool sqlite_synchronous_full = false;  // FULL survives power loss; NORMAL (WAL) survives process crashes
  // Reads through a memory map of up to this much of the file (0: off). Faster district-wide reads
  // (a dashboard 88 → 52 ms at 20k projects) but the mapped pages count in the server's RSS.
  std::int64_t sqlite_mmap_bytes = 0;
  // Each SQLite connection's page cache, KiB (PRAGMA cache_size; SQLite's default is 2 MiB). 8 MiB per
  // connection took the realistic mix at 20k projects from 383 to ~1,070 req/s at 225–231 MB RSS
  // (bench/mix/run.sh, docs/decisions.md "SQLite page cache").
  std::int64_t sqlite_cache_kib = 8192;
  // SQLite: the WAL is copied back into the database file by a thread of the database's own (PRAGMA
  // wal_checkpoint(PASSIVE)) once a commit leaves sqlite_checkpoint_pages in it that no checkpoint
  // copied, instead of by the request whose commit crossed the mark while it still holds the
  // writers' lock (SQLite's default). Sheet saves at 20k projects: see docs/decisions.md
  // "Checkpoints off the request path" and "Issue 25, session 22". (qsm serve)
  bool sqlite_background_checkpoint = false;
  // The mark of that thread: how many WAL pages no checkpoint has copied wake it. 10,000 (~40 MB)
  // against SQLite's 1,000: saves 2,562–2,696 → 3,120–3,400/s in one run (docs/decisions.md "Issue
  // 25, session 22"); fewer checkpoints copy each hot page (the indexes' last pages) fewer times.
  int sqlite_checkpoint_pages = 10000;
  // Nothing written: SQLite opens the file read-only, and a missing file is an error, not a new
  // database (qsm audit verify; SQLite may still add its own -wal/-shm beside a WAL file to read it).
  // PostgreSQL needs nothing more: its read() transactions are READ ONLY.
  bool read_only = false;
  // SQLite: every statement's calls and pages are added here (store/statement_pages.hpp); none when null.
  std::shared_ptr<StatementPages> sqlite_statement_pages;
};

class Database {
 public:
  static std::shared_ptr<Database> open(const std::string& url, const OpenOptions& options = {});
  virtual ~Database();
  Dialect dialect() const { return dialect_; }
  const std::string& url_for_log() const { return redacted_url_; }

  // A number that changes whenever any connection — of this process or another — commits a change,
  // for caches of derived answers; nullopt when the backend has no cheap one (PostgreSQL).
  virtual std::optional<std::uint64_t> data_version() { return std::nullopt; }

  // With OpenOptions::sqlite_background_checkpoint, the caller's own thread runs
  //   while (db->await_checkpoint(stop)) db->checkpoint();
  // await_checkpoint returns true once a commit left the mark's number of pages in the WAL that no
  // checkpoint has copied yet, false when `stop` is requested. checkpoint() copies the WAL into the
  // file (PRAGMA wal_checkpoint(PASSIVE)) first beside the writers, and then what they appended
  // meanwhile with their turn held, so that the WAL ends complete and the next writer starts it over
  // (docs/decisions.md "Issue 25, session 22"). PostgreSQL has nothing to do: it only waits for `stop`.
  struct Checkpointed {
    int wal_pages = 0;     // the WAL's frames when the checkpoint ended
    int copied_pages = 0;  // how many of them are in the file now
  };
  virtual bool await_checkpoint(std::stop_token stop);
  virtual Checkpointed checkpoint() { return {}; }

  // Whether write transactions take turns, one at a time for the whole database (SQLite), on the
  // writers' own connection. PostgreSQL's writers run side by side, each on a connection of the pool.
  bool writers_take_turns() const { return dialect_ == Dialect::sqlite; }

  // Transactions begun so far (reads and writes), for tests of how many a request costs: each is a
  // BEGIN and a COMMIT more for PostgreSQL to parse and answer, pipelined or not.
  std::uint64_t transactions() const { return transactions_.load(std::memory_order_relaxed); }

  // Runs fn(Connection&) in a write transaction, committed when fn returns, rolled back on throw.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return in_transaction(true, std::forward<F>(fn));
  }
  // Runs fn(Connection&) in a read-only snapshot.
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return in_transaction(false, std::forward<F>(fn));
  }

 protected:
  Database(Dialect d, std::string redacted_url, OpenOptions options);
  virtual std::unique_ptr<Connection> connect() = 0;
  // The writers' turn (writers_take_turns): no write of this process begins while it is held.
  std::unique_lock<std::mutex> writers_turn() { return std::unique_lock(sqlite_writer_); }

 private:
  class Lease;
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c, bool healthy);
  // The connection of a write's turn (writers_take_turns, under sqlite_writer_) or of the pool.
  std::unique_ptr<Connection> take(bool turn);
  void give_back(bool turn, std::unique_ptr<Connection> c, bool healthy);

  template <class F>
  auto in_transaction(bool write, F&& fn) -> decltype(fn(std::declval<Connection&>()));

  Dialect dialect_;
  std::string redacted_url_;
  OpenOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_count_ = 0;
  // SQLite has one writer at a time; waiting here is cheaper than spinning in the busy handler.
  std::mutex sqlite_writer_;
  // Every write of this process runs on this one connection (one more than the pool's), under
  // sqlite_writer_. In WAL mode a connection drops its whole page cache when another connection has
  // committed since its last transaction; the writers' connection sees only its own commits, so it
  // keeps the pages every write walks (the months' and the audit trail's indexes) warm.
  std::unique_ptr<Connection> writer_connection_;
  std::atomic<std::uint64_t> transactions_{0};
};

template <class F>
auto Database::in_transaction(bool write, F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  const bool turn = write && writers_take_turns();
  std::unique_lock<std::mutex> writer;
  if (turn) writer = std::unique_lock(sqlite_writer_);
  std::unique_ptr<Connection> conn = take(turn);
  transactions_.fetch_add(1, std::memory_order_relaxed);
  bool healthy = true;
  try {
    conn->begin(write);
    if constexpr (std::is_void_v<decltype(fn(*conn))>) {
      fn(*conn);
      conn->commit();
      give_back(turn, std::move(conn), true);
    } else {
      auto result = fn(*conn);
      conn->commit();
      give_back(turn, std::move(conn), true);
      return result;
    }
  } catch (const DbError& e) {
    healthy = e.kind() != DbError::Kind::connection;
    conn->rollback();
    give_back(turn, std::move(conn), healthy);
    throw;
  } catch (...) {
    conn->rollback();
    give_back(turn, std::move(conn), true);
    throw;
  }
}

// Told the WAL's length in pages after each commit of a connection opened with it (SQLite's wal hook,
// which replaces the automatic checkpoint of that connection).
using WalWatch = std::function<void(int pages)>;
std::unique_ptr<Connection> connect_sqlite(const std::string& path, const OpenOptions& options, std::shared_ptr<const WalWatch> watch = {});
std::unique_ptr<Connection> connect_postgresql(const std::string& url);

}  // namespace qsm::store
