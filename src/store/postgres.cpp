// PostgreSQL connection over libpq: statements prepared once per connection (named by a counter),
// parameters sent as text with their types (bytes as binary BYTEA), results read as text (BYTEA in hex).
#include <libpq-fe.h>

#include <optional>
#include <unordered_map>

#include "store/db.hpp"

namespace qsm::store {
namespace {

constexpr Oid kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25;

class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

[[noreturn]] void fail(PGconn* conn, PGresult* res, std::string_view context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string msg = std::string(context) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  auto kind = DbError::Kind::other;
  if (sqlstate == "23505") kind = DbError::Kind::unique_violation;
  else if (sqlstate == "23503") kind = DbError::Kind::foreign_key_violation;
  else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") kind = DbError::Kind::busy;
  else if (PQstatus(conn) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P", 0) == 0)
    kind = DbError::Kind::connection;
  throw DbError(kind, msg);
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = std::string("无法连接 PostgreSQL: ") + PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError(DbError::Kind::connection, msg);
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of printing to stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    execute_script("SET TIME ZONE 'UTC'");
    // Every statement is prepared once per connection; let its plan be made once too. Left to itself
    // (plan_cache_mode auto) PostgreSQL kept planning a list page afresh on every execution, because
    // the generic plan's estimate was no cheaper: 17–20 ms of planning for 1–6 ms of work on the
    // 12-join page query. Generic plans took the realistic mix at 20k projects from 560–595 to
    // 1,216 req/s (docs/decisions.md "PostgreSQL plans").
    execute_script("SET plan_cache_mode = force_generic_plan");
    // No parallel workers: the server answers many requests at once on a few cores. Of 30,595
    // statements of the realistic mix none was planned with a worker; the authority's month list
    // with a short search was (its count and its page), and each took 46 ms instead of 4–5 ms
    // (docs/decisions.md "Issue 25, session 31").
    execute_script("SET max_parallel_workers_per_gather = 0");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgresql; }

  void execute_script(std::string_view sql) override {
    settle();
    std::string text;
    if (begin_) {  // several statements in one message: the transaction starts with the first
      text = *begin_ + ";\n";
      begin_.reset();
    }
    text += sql;
    Result r(PQexec(conn_, text.c_str()));
    auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(conn_, r.get(), "SQL 执行失败");
  }

  // Round trips (issue 25): a transaction's BEGIN goes to the server with its first statement, in one
  // pipeline (libpq's pipeline mode), and a read-only transaction's COMMIT is sent without waiting
  // for its answer, which is read before the connection's next statement. A read of one statement
  // costs one round trip instead of three. A write's COMMIT is waited for: its answer says whether
  // the write is kept. A transaction that ran no statement sends nothing at all.
  void begin(bool write) override {
    settle();
    begin_ = write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    read_only_ = !write;
  }
  void commit() override {
    if (begin_) {
      begin_.reset();
      return;
    }
    if (!read_only_) return execute_script("COMMIT");
    if (!PQsendQuery(conn_, "COMMIT")) fail(conn_, nullptr, "SQL 执行失败");
    commit_sent_ = true;
  }
  void rollback() noexcept override {
    if (begin_) {
      begin_.reset();
      return;
    }
    try {
      execute_script("ROLLBACK");
    } catch (...) {
      // Nothing was open, or the connection is gone; either way there is nothing to undo.
    }
  }

  std::int64_t run(std::string_view sql, std::span<const Value> params, const std::function<void(Row&)>& on_row) override {
    std::vector<Oid> types(params.size());
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
    std::string key(sql);
    key += '\x1f';
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (auto* n = std::get_if<std::int64_t>(&params[i])) {
        types[i] = kInt8;
        texts[i] = std::to_string(*n);
        values[i] = texts[i].c_str();
        key += 'i';
      } else if (auto* s = std::get_if<std::string>(&params[i])) {
        types[i] = kText;
        values[i] = s->c_str();
        key += 't';
      } else if (auto* b = std::get_if<Blob>(&params[i])) {
        types[i] = kBytea;
        values[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = 1;
        key += 'b';
      } else {
        types[i] = 0;  // unknown: PostgreSQL infers it from the statement
        values[i] = nullptr;
        key += 'n';
      }
    }
    settle();
    const std::string& name = prepare(key, sql, types);
    const int n = static_cast<int>(params.size());
    Result r(begin_ ? with_begin(name, n, values.data(), lengths.data(), formats.data())
                    : PQexecPrepared(conn_, name.c_str(), n, values.data(), lengths.data(), formats.data(), 0));
    auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(conn_, r.get(), "SQL 执行失败");
    int rows = PQntuples(r.get()), cols = PQnfields(r.get());
    std::vector<bool> numeric(static_cast<std::size_t>(cols)), bytes(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      Oid t = PQftype(r.get(), c);
      numeric[static_cast<std::size_t>(c)] = t == kInt8 || t == kInt4 || t == kInt2;
      bytes[static_cast<std::size_t>(c)] = t == kBytea;
    }
    Row row;
    for (int i = 0; i < rows; ++i) {
      auto& out = row.values();
      out.clear();
      out.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(r.get(), i, c)) {
          out.emplace_back(std::monostate{});
        } else if (numeric[static_cast<std::size_t>(c)]) {
          out.emplace_back(static_cast<std::int64_t>(std::stoll(PQgetvalue(r.get(), i, c))));
        } else if (bytes[static_cast<std::size_t>(c)]) {
          std::size_t n = 0;
          unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r.get(), i, c)), &n);
          if (!raw) throw DbError(DbError::Kind::other, "BYTEA 列无法解码");
          out.emplace_back(Blob{std::string(reinterpret_cast<const char*>(raw), n)});
          PQfreemem(raw);
        } else {
          out.emplace_back(std::string(PQgetvalue(r.get(), i, c), static_cast<std::size_t>(PQgetlength(r.get(), i, c))));
        }
      }
      on_row(row);
    }
    const char* changed = PQcmdTuples(r.get());
    return (changed && *changed) ? std::stoll(changed) : 0;
  }

 private:
  // The read-only COMMIT sent last, answered by now or soon: its answer is read and dropped (a
  // read-only transaction has nothing to keep), a lost connection reported.
  void settle() {
    if (!commit_sent_) return;
    commit_sent_ = false;
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    if (PQstatus(conn_) != CONNECTION_OK) fail(conn_, nullptr, "SQL 执行失败");
  }

  // The pending BEGIN and the prepared statement `name` in one pipeline; the statement's result (or
  // BEGIN's error, the statement then being skipped). Every result up to the pipeline's end is read
  // before returning, so that the connection is out of pipeline mode whatever happened.
  PGresult* with_begin(const std::string& name, int n, const char* const* values, const int* lengths, const int* formats) {
    const std::string begin = std::move(*begin_);
    begin_.reset();
    if (PQenterPipelineMode(conn_) != 1 || PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1 ||
        PQsendQueryPrepared(conn_, name.c_str(), n, values, lengths, formats, 0) != 1 || PQpipelineSync(conn_) != 1) {
      // Whatever was queued is unknown to the server or half sent: the pool drops the connection.
      std::string msg = std::string("SQL 执行失败: ") + PQerrorMessage(conn_);
      PQexitPipelineMode(conn_);
      throw DbError(DbError::Kind::connection, msg);
    }
    PGresult* begun = nullptr;
    PGresult* result = nullptr;
    int query = 0;  // 0: BEGIN's results, 1: the statement's, 2: the pipeline's end
    for (;;) {
      PGresult* r = PQgetResult(conn_);
      if (!r) {  // the end of one query's results (or of a lost connection's)
        if (PQstatus(conn_) != CONNECTION_OK || ++query > 2) break;
        continue;
      }
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      if (query == 0 && !begun) begun = r;
      else if (query == 1 && !result) result = r;
      else PQclear(r);
    }
    if (PQexitPipelineMode(conn_) != 1) {  // results left unread: the connection is not reusable
      if (begun) PQclear(begun);
      if (result) PQclear(result);
      throw DbError(DbError::Kind::connection, std::string("SQL 执行失败: ") + PQerrorMessage(conn_));
    }
    Result began(begun);
    if (!begun || PQresultStatus(begun) != PGRES_COMMAND_OK) {
      if (result) PQclear(result);
      fail(conn_, begun, "SQL 执行失败");
    }
    if (!result) fail(conn_, nullptr, "SQL 执行失败");
    return result;
  }

  const std::string& prepare(const std::string& key, std::string_view sql, const std::vector<Oid>& types) {
    auto it = prepared_.find(key);
    if (it != prepared_.end()) return it->second;
    std::string name = "s" + std::to_string(prepared_.size());
    std::string text(sql);
    Result r(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(conn_, r.get(), "SQL 预编译失败");
    return prepared_.emplace(key, std::move(name)).first->second;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
  std::optional<std::string> begin_;  // a transaction begun and not yet sent
  bool read_only_ = false;
  bool commit_sent_ = false;  // a read-only COMMIT whose answer is unread
};

}  // namespace

std::unique_ptr<Connection> connect_postgresql(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace qsm::store
