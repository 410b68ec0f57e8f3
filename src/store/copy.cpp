#include "store/copy.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <set>

#include "crypto/secret.hpp"
#include "domain/error.hpp"

namespace qsm::store {

namespace {

// Names go into statements, so they must be plain identifiers (they come from this list and the catalog).
void check_identifier(const std::string& name) {
  bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_' || (ch >= '0' && ch <= '9'); });
  if (!ok) throw Failure(Error::internal, "数据库中有无法复制的表或列名：" + name);
}

std::vector<std::string> tables_in(Connection& c) {
  auto rows = c.dialect() == Dialect::sqlite
                  ? c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                  : c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  // Derived from rows, so not copied: the target builds its own from the rows copied (its
  // triggers). SQLite's search indexes (V021 of projects, V038 of declarations) with their shadow
  // tables, whose names start with the index's, the declarations' and quarters' counts (V040/V041) and
  // the months' (V058/V059) and the quarters' grades (V077/V078).
  static constexpr std::array<std::string_view, 7> kDerived{"project_search",   "declaration_search", "declaration_counts",       "quarterly_counts",
                                                            "monthly_counts",   "monthly_contractor_counts", "quarterly_grade_counts"};
  std::vector<std::string> out;
  for (auto& r : rows)
    if (std::none_of(kDerived.begin(), kDerived.end(), [&](std::string_view d) { return r.text(0).starts_with(d); })) out.push_back(r.text(0));
  return out;
}

std::vector<std::string> columns_of(Connection& c, const std::string& table) {
  auto rows = c.dialect() == Dialect::sqlite
                  ? c.query("SELECT name FROM pragma_table_info($1) ORDER BY cid", params(table))
                  : c.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
                            "ORDER BY ordinal_position",
                            params(table));
  // Derived columns, likewise left to the target's triggers: a declaration's months, their number and
  // their first and last period (V061/V062), how many are past their draft (V065/V066) and the latest
  // reviewed score (V075/V076), counted as the months are copied after it.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kDerived{{{"declarations", "months_n"},
                                                                                           {"declarations", "months_submitted_n"},
                                                                                           {"declarations", "months_first"},
                                                                                           {"declarations", "months_last"},
                                                                                           {"declarations", "latest_review_score"}}};
  std::vector<std::string> out;
  for (auto& r : rows) {
    if (std::find(kDerived.begin(), kDerived.end(), std::pair<std::string_view, std::string_view>{table, r.text(0)}) != kDerived.end()) continue;
    out.push_back(r.text(0));
    check_identifier(out.back());
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// One row's values, typed and length-prefixed so that no two different rows encode alike.
std::string row_hash(const Row& row, std::string& scratch) {
  scratch.clear();
  for (const Value& v : row.values()) {
    if (auto* n = std::get_if<std::int64_t>(&v)) {
      scratch += 'i' + std::to_string(*n) + ';';
    } else if (auto* t = std::get_if<std::string>(&v)) {
      scratch += 't' + std::to_string(t->size()) + ':' + *t;
    } else if (auto* b = std::get_if<Blob>(&v)) {
      scratch += 'b' + std::to_string(b->bytes.size()) + ':' + b->bytes;
    } else {
      scratch += 'n';
    }
  }
  return crypto::sha256_hex(scratch);
}

std::string combine(std::vector<std::string>& hashes) {
  std::sort(hashes.begin(), hashes.end());
  std::string all;
  all.reserve(hashes.size() * 64);
  for (const auto& h : hashes) all += h;
  return crypto::sha256_hex(all);
}

// Statement text for a batch of `rows` rows of `cols` values: INSERT … VALUES ($1, $2), ($3, $4) ….
std::string insert_sql(const std::string& table, const std::string& columns, std::size_t cols, std::size_t rows) {
  return with_rows("INSERT INTO " + table + " (" + columns + ") VALUES {rows}", cols, rows);
}

}  // namespace

const std::vector<std::string>& copied_tables() {
  static const std::vector<std::string> tables{
      "authorities", "enterprises", "persons", "projects", "contracts", "templates", "audit_log", "accounts", "clerks", "clerk_projects", "sessions",
      "sms_codes", "sms_outbox", "login_log", "declarations", "monthly_evaluations", "monthly_sheets", "monthly_deductions",
      "quarterly_registrations", "quarterly_registration_history", "completions", "completion_reviews", "management_requests", "spot_checks",
      "spot_check_disputes", "reminder_runs", "reminders", "audit_chain", "rate_limits",
      "login_guards", "recovery_codes", "photo_blobs", "photos", "rectification_numbers", "rectifications", "rectification_items",
      "rectification_rounds", "rectification_replies", "rectification_photos", "rectification_reminders", "printed_documents",
      "platform_settings", "job_runs", "scheduled_jobs", "notices", "notice_reads"};
  return tables;
}

TableCopy table_checksum(Connection& c, const std::string& table) {
  check_identifier(table);
  const auto columns = columns_of(c, table);
  std::vector<std::string> hashes;
  std::string scratch;
  c.run("SELECT " + joined(columns) + " FROM " + table, {}, [&](Row& r) { hashes.push_back(row_hash(r, scratch)); });
  TableCopy out{table, static_cast<std::int64_t>(hashes.size()), ""};
  out.checksum = combine(hashes);
  return out;
}

std::vector<TableCopy> copy_database(Database& from, Database& to, const std::function<void(const TableCopy&)>& progress) {
  return to.write([&](Connection& target) {
    return from.read([&](Connection& source) {
      // Same schema on both sides, and every table of it known to this copy.
      auto version = [](Connection& c) { return c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->integer(0); };
      if (version(source) != version(target)) throw Failure(Error::conflict, "源数据库与目标数据库的结构版本不同：请先用同一版本的 qsm 对两者执行 qsm migrate");
      const std::set<std::string> known(copied_tables().begin(), copied_tables().end());
      for (const auto& t : tables_in(source))
        if (t != "schema_migrations" && !known.contains(t)) throw Failure(Error::internal, "qsm copy 不认识表 " + t + "（须加入 store::copied_tables）");

      // The target must hold nothing: a copy never merges into live data.
      for (const auto& t : copied_tables()) {
        bool has_data = t == "audit_chain" ? target.query_one("SELECT 1 FROM audit_chain WHERE last_seq <> 0").has_value()
                                           : target.query_one("SELECT 1 FROM " + t + " LIMIT 1").has_value();
        if (has_data) throw Failure(Error::conflict, "目标数据库已有数据（表 " + t + "），qsm copy 只写入新建的空数据库");
      }
      target.execute("DELETE FROM audit_chain");  // the migration's empty head; the source's comes instead

      std::vector<TableCopy> out;
      for (const auto& table : copied_tables()) {
        const auto columns = columns_of(source, table);
        if (columns != columns_of(target, table)) throw Failure(Error::conflict, "表 " + table + " 的列在两个数据库中不同，无法复制");
        const std::string column_list = joined(columns);
        // As many rows per statement as keep under PostgreSQL's 65,535 parameters.
        const std::size_t per_batch = std::max<std::size_t>(1, std::min<std::size_t>(500, 30000 / columns.size()));
        // And as many as keep a statement's bytes (photos) near 16 MB.
        constexpr std::size_t kBatchBytes = 16u << 20;
        std::vector<Value> batch;
        std::size_t batched = 0, batch_bytes = 0;
        auto flush = [&] {
          if (!batched) return;
          target.execute(insert_sql(table, column_list, columns.size(), batched), batch);
          batch.clear();
          batched = batch_bytes = 0;
        };
        std::vector<std::string> hashes;
        std::string scratch;
        source.run("SELECT " + column_list + " FROM " + table, {}, [&](Row& r) {
          hashes.push_back(row_hash(r, scratch));
          for (auto& v : r.values()) {
            if (auto* b = std::get_if<Blob>(&v)) batch_bytes += b->bytes.size();
            batch.push_back(std::move(v));
          }
          if (++batched == per_batch || batch_bytes >= kBatchBytes) flush();
        });
        flush();
        TableCopy copied{table, static_cast<std::int64_t>(hashes.size()), combine(hashes)};
        auto check = table_checksum(target, table);
        if (check.rows != copied.rows || check.checksum != copied.checksum)
          throw Failure(Error::internal, "表 " + table + " 复制后核对不符（源 " + std::to_string(copied.rows) + " 行，目标 " +
                                             std::to_string(check.rows) + " 行），未写入任何数据");
        if (progress) progress(copied);
        out.push_back(std::move(copied));
      }
      // PostgreSQL's identity sequences continue after the copied ids (SQLite's AUTOINCREMENT follows by itself).
      if (target.dialect() == Dialect::postgresql) {
        for (auto& r : target.query("SELECT table_name, column_name FROM information_schema.columns "
                                    "WHERE table_schema = current_schema() AND is_identity = 'YES'")) {
          auto table = r.text(0), column = r.text(1);
          check_identifier(table);
          check_identifier(column);
          target.query("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(" + column + "), 0) + 1, false) FROM " + table,
                       params(table, column));
        }
        // Fresh planner statistics: without them PostgreSQL plans the copied tables as if they were empty.
        target.execute_script("ANALYZE");
      }
      return out;
    });
  });
}

}  // namespace qsm::store
