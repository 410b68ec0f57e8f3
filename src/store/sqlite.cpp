// SQLite connection: WAL, foreign keys, busy timeout; $N parameters rewritten to ?N once per
// statement text, and prepared statements kept for the connection's life.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mutex>

#include "store/db.hpp"
#include "store/statement_pages.hpp"
#include "util/text_hash.hpp"

namespace qsm::store {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  auto kind = DbError::Kind::other;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) kind = DbError::Kind::unique_violation;
  else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) kind = DbError::Kind::foreign_key_violation;
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) kind = DbError::Kind::busy;
  else if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_NOTADB) kind = DbError::Kind::connection;
  throw DbError(kind, msg);
}

// "$12" → "?12" outside string literals, so one SQL text serves both backends.
std::string to_sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9')
      out += '?';
    else
      out += c;
  }
  return out;
}

// The database holds personal data: its file is the owner's alone (0600), created so from the first
// byte; SQLite gives its -wal and -shm files the database file's permissions. An existing file that
// others may read is narrowed. An existing file is never opened here: closing any descriptor of a
// file drops every POSIX lock this process holds on it, the locks of open SQLite connections included.
void restrict_to_owner(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) return;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0) ::chmod(path.c_str(), 0600);
    return;
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // if it failed, sqlite3_open_v2 reports why
}

// Before SQLite's first use in the process: no memory statistics. With them on (the library's
// default), every allocation of every connection takes one process-wide mutex; under the mix of issue
// 25 its lock and wake-ups were ~10 % of the server's CPU. Nothing here reads the statistics.
void configure_library() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const OpenOptions& options, std::shared_ptr<const WalWatch> watch) : watch_(std::move(watch)) {
    configure_library();
    if (!options.read_only) restrict_to_owner(path);
    const int mode = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db_, mode | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = "无法打开 SQLite 数据库 " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::connection, msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_extended_result_codes(db_, 1);
    if (!options.read_only) execute_script("PRAGMA journal_mode=WAL");  // a read-only connection follows the file's mode
    execute_script(options.sqlite_synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    execute_script("PRAGMA foreign_keys=ON");
    if (options.sqlite_cache_kib > 0) execute_script("PRAGMA cache_size=-" + std::to_string(options.sqlite_cache_kib));
    if (options.sqlite_mmap_bytes > 0) execute_script("PRAGMA mmap_size=" + std::to_string(options.sqlite_mmap_bytes));
    if (watch_) sqlite3_wal_hook(db_, &tell_watch, const_cast<WalWatch*>(watch_.get()));
    pages_ = options.sqlite_statement_pages;
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void execute_script(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "";
      sqlite3_free(err);
      fail(db_, rc, "SQL 执行失败 (" + msg + ")");
    }
  }

  std::int64_t run(std::string_view sql, std::span<const Value> params, const std::function<void(Row&)>& on_row) override {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (auto* n = std::get_if<std::int64_t>(&params[i]))
        rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (auto* s = std::get_if<std::string>(&params[i]))
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else if (auto* b = std::get_if<Blob>(&params[i]))
        rc = sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_null(stmt, idx);
      if (rc != SQLITE_OK) fail(db_, rc, "参数绑定失败");
    }
    // (counted around the whole statement: one that an on_row runs on this connection counts in both)
    const auto before = pages_ ? cache_status() : std::pair<std::uint32_t, std::uint32_t>{};
    Row row;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        fail(db_, rc, "SQL 执行失败");
      }
      int n = sqlite3_column_count(stmt);
      auto& values = row.values();
      values.clear();
      values.reserve(static_cast<std::size_t>(n));
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: values.emplace_back(std::monostate{}); break;
          case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_BLOB: {
            auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            values.emplace_back(Blob{std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))});
            break;
          }
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            values.emplace_back(std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      on_row(row);
    }
    std::int64_t changed = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    if (pages_) {
      const auto after = cache_status();
      pages_->add(sql, static_cast<std::uint32_t>(after.first - before.first), static_cast<std::uint32_t>(after.second - before.second));
    }
    return changed;
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    std::string text = to_sqlite_placeholders(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "SQL 预编译失败");
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  // The connection's page cache hits and misses so far, modulo 2^32 as SQLite counts them (a
  // difference of two is right as long as fewer than 2^32 came between).
  std::pair<std::uint32_t, std::uint32_t> cache_status() {
    int hits = 0, misses = 0, unused = 0;
    sqlite3_db_status(db_, SQLITE_DBSTATUS_CACHE_HIT, &hits, &unused, 0);
    sqlite3_db_status(db_, SQLITE_DBSTATUS_CACHE_MISS, &misses, &unused, 0);
    return {static_cast<std::uint32_t>(hits), static_cast<std::uint32_t>(misses)};
  }
  static int tell_watch(void* watch, sqlite3*, const char*, int pages) {
    (*static_cast<const WalWatch*>(watch))(pages);
    return SQLITE_OK;
  }

  sqlite3* db_ = nullptr;
  std::shared_ptr<const WalWatch> watch_;  // kept alive as long as the hook may call it
  std::shared_ptr<StatementPages> pages_;
  util::TextMap<sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::string& path, const OpenOptions& options, std::shared_ptr<const WalWatch> watch) {
  return std::make_unique<SqliteConnection>(path, options, std::move(watch));
}

}  // namespace qsm::store
