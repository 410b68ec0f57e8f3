// Quarterly registration SQL: statements are composed only from the constants below (the
// declaration scope fragment, the filters and an ORDER BY from a fixed table).
#include "store/quarterly_store.hpp"

#include <array>

#include "store/registry_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT q.id, q.version, q.quarter, q.status, q.score, q.month_count, q.registration_count, q.created_at, q.updated_at, "
    "q.registered_at, ";
constexpr int kRefAt = 10;
constexpr std::string_view kLatestColumns =
    ", h.inspection_date, h.inspectors, h.opinion, h.conclusion, h.score, h.periods, h.registered_by, h.registered_at ";
constexpr int kLatestAt = kRefAt + kDeclarationRefWidth;
constexpr std::string_view kFrom =
    "FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id LEFT JOIN quarterly_registration_history h "
    "ON h.id = (SELECT MAX(x.id) FROM quarterly_registration_history x WHERE x.quarterly_id = q.id) ";
constexpr std::string_view kCountFrom =
    "SELECT COUNT(*) FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id ";
constexpr std::string_view kById = "AND q.id = $2";
constexpr std::string_view kOfDeclaration = "AND q.declaration_id = $2 ORDER BY q.quarter ASC";
constexpr std::string_view kFilters =
    "AND ($2 = '' OR d.registration_no LIKE $2 ESCAPE '\\' OR d.project_name LIKE $2 ESCAPE '\\') AND ($3 = '' OR q.status = $3) "
    "AND ($4 = '' OR d.district = $4) AND ($5 = '' OR q.quarter >= $5) AND ($6 = '' OR q.quarter <= $6) ";
constexpr std::string_view kPage = " LIMIT $7 OFFSET $8";

constexpr std::array kSorts{
    SortOrder{"-quarter", "ORDER BY q.quarter DESC, d.registration_no ASC, q.id DESC"},
    SortOrder{"quarter", "ORDER BY q.quarter ASC, d.registration_no ASC, q.id ASC"},
    SortOrder{"-updated_at", "ORDER BY q.updated_at DESC, q.id DESC"},
    SortOrder{"registration_no", "ORDER BY d.registration_no ASC, q.quarter DESC"},
    SortOrder{"status", "ORDER BY q.status ASC, q.quarter DESC, q.id DESC"},
};

constexpr std::string_view kStates = "SELECT quarter, status FROM quarterly_registrations WHERE declaration_id = $1 ORDER BY quarter";
constexpr std::string_view kOfQuarter =
    "AND q.declaration_id = $2 AND q.quarter = $3";
constexpr std::string_view kMonthsBetween =
    "SELECT id, period, status, review_score FROM monthly_evaluations WHERE declaration_id = $1 AND period >= $2 AND period <= $3 "
    "ORDER BY period";
constexpr std::string_view kMonthsOf =
    "SELECT id, period, status, review_score FROM monthly_evaluations WHERE declaration_id = $1 ORDER BY period";
constexpr std::string_view kInsert =
    "INSERT INTO quarterly_registrations (declaration_id, quarter, status, score, month_count, created_at, updated_at, authority_id) "
    "SELECT $1, $2, $6, $3, $4, $5, $5, d.authority_id FROM declarations d WHERE d.id = $1 RETURNING id";
constexpr std::string_view kUpdateMonths =
    "UPDATE quarterly_registrations SET status = $3, score = $4, month_count = $5, updated_at = $6, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kRegister =
    "UPDATE quarterly_registrations SET status = $6, score = $3, registration_count = registration_count + 1, "
    "registered_at = $4, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2 AND status = $5";
constexpr std::string_view kInsertHistory =
    "INSERT INTO quarterly_registration_history (quarterly_id, inspection_date, inspectors, opinion, conclusion, score, periods, "
    "registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kRegisterMonths =
    "UPDATE monthly_evaluations SET status = $6, updated_at = $4, version = version + 1 "
    "WHERE declaration_id = $1 AND period >= $2 AND period <= $3 AND status = $5";
constexpr std::string_view kHistory =
    "SELECT inspection_date, inspectors, opinion, conclusion, score, periods, registered_by, registered_at "
    "FROM quarterly_registration_history WHERE quarterly_id = $1 ORDER BY registered_at DESC, id DESC";

}  // namespace sql

namespace {

std::vector<std::string> split_periods(const std::string& text);

RegistrationRecord registration_of(const Row& r, std::size_t i) {
  return {r.text(i),     r.text(i + 1), r.text(i + 2), r.text(i + 3), r.integer(i + 4), split_periods(r.text(i + 5)),
          r.text(i + 6), r.integer(i + 7)};
}

QuarterMonth month_of(const Row& r) { return {r.integer(0), r.text(1), r.text(2), r.opt_integer(3)}; }

QuarterlyRow from_row(const Row& r) {
  QuarterlyRow q;
  q.id = r.integer(0);
  q.version = r.integer(1);
  q.quarter = r.text(2);
  q.status = r.text(3);
  q.score = r.opt_integer(4);
  q.month_count = r.integer(5);
  q.registration_count = r.integer(6);
  q.created_at = r.integer(7);
  q.updated_at = r.integer(8);
  q.registered_at = r.opt_integer(9);
  read_declaration_ref(r, sql::kRefAt, q);
  if (!r.is_null(sql::kLatestAt)) q.latest = registration_of(r, sql::kLatestAt);
  return q;
}

std::string select_where(const ScopeSql& s) {
  return std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kLatestColumns) + std::string(sql::kFrom) +
         std::string(s.where);
}

std::vector<Value> filter_params(const ScopeSql& s, const QuarterlyQuery& q) {
  return params(s.id, q.q.empty() ? std::string{} : like_contains(q.q), q.status, q.district, q.quarter_from, q.quarter_to);
}

std::string join_periods(const std::vector<std::string>& periods) {
  std::string out;
  for (const auto& p : periods) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> split_periods(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<QuarterlyRow> find_quarterly(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_where(s) + std::string(sql::kById), params(s.id, id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

bool valid_quarterly_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

QuarterlyPage list_quarterly(Connection& c, const domain::Scope& scope, const QuarterlyQuery& q) {
  auto s = declaration_scope(scope);
  return fetch_page<QuarterlyRow>(c, std::string(sql::kCountFrom) + std::string(s.where) + std::string(sql::kFilters), select_where(s) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)) + std::string(sql::kPage), filter_params(s, q), q, from_row);
}

void each_quarterly(Connection& c, const domain::Scope& scope, const QuarterlyQuery& q,
                    const std::function<void(const QuarterlyRow&)>& on_row) {
  auto s = declaration_scope(scope);
  c.run(select_where(s) + std::string(sql::kFilters) + std::string(order_by(sql::kSorts, q.sort)), filter_params(s, q),
        [&](Row& r) { on_row(from_row(r)); });
}

std::vector<QuarterlyRow> quarterly_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id) {
  auto s = declaration_scope(scope);
  std::vector<QuarterlyRow> out;
  c.run(select_where(s) + std::string(sql::kOfDeclaration), params(s.id, declaration_id), [&](Row& r) { out.push_back(from_row(r)); });
  return out;
}

std::vector<std::pair<std::string, std::string>> quarter_states(Connection& c, std::int64_t declaration_id) {
  std::vector<std::pair<std::string, std::string>> out;
  c.run(sql::kStates, params(declaration_id), [&](Row& r) { out.emplace_back(r.text(0), r.text(1)); });
  return out;
}

std::optional<QuarterlyRow> find_quarter_of(Connection& c, std::int64_t declaration_id, const std::string& quarter) {
  auto s = declaration_scope(domain::Scope{.all = true});
  auto r = c.query_one(select_where(s) + std::string(sql::kOfQuarter), params(s.id, declaration_id, quarter));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<QuarterMonth> months_between(Connection& c, std::int64_t declaration_id, const std::string& first, const std::string& last) {
  std::vector<QuarterMonth> out;
  c.run(sql::kMonthsBetween, params(declaration_id, first, last), [&](Row& r) { out.push_back(month_of(r)); });
  return out;
}

std::vector<QuarterMonth> months_of_declaration(Connection& c, std::int64_t declaration_id) {
  std::vector<QuarterMonth> out;
  c.run(sql::kMonthsOf, params(declaration_id), [&](Row& r) { out.push_back(month_of(r)); });
  return out;
}

std::int64_t insert_quarterly(Connection& c, std::int64_t declaration_id, const std::string& quarter,
                              std::optional<std::int64_t> score, std::int64_t month_count, std::int64_t now_ms, const std::string& status) {
  return c.query_one(sql::kInsert, params(declaration_id, quarter, score, month_count, now_ms, status))->integer(0);
}

bool update_quarterly_months(Connection& c, std::int64_t id, std::int64_t version, const std::string& status,
                             std::optional<std::int64_t> score, std::int64_t month_count, std::int64_t now_ms) {
  return c.execute(sql::kUpdateMonths, params(id, version, status, score, month_count, now_ms)) == 1;
}

bool register_quarterly(Connection& c, const QuarterlyRow& q, std::int64_t version, const RegistrationRecord& r,
                        const std::string& first, const std::string& last, const Move& quarter, const Move& months) {
  if (c.execute(sql::kRegister, params(q.id, version, r.score, r.registered_at, quarter.from, quarter.to)) != 1) return false;
  c.execute(sql::kInsertHistory, params(q.id, r.inspection_date, r.inspectors, r.opinion, r.conclusion, r.score,
                                        join_periods(r.periods), r.registered_by, r.registered_at));
  c.execute(sql::kRegisterMonths, params(q.declaration_id, first, last, r.registered_at, months.from, months.to));
  return true;
}

std::vector<RegistrationRecord> registrations_of(Connection& c, std::int64_t quarterly_id) {
  std::vector<RegistrationRecord> out;
  c.run(sql::kHistory, params(quarterly_id), [&](Row& r) { out.push_back(registration_of(r, 0)); });
  return out;
}

}  // namespace qsm::store
