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
// A list page: its ids first, from an index in the order asked for, then the rest joined for those rows
// only (as the month list: monthly_store.cpp). The authority's quarters are picked from
// quarterly_registrations alone (V010, V067: the quarter carries its authority and its 报监编号), with
// a search or a district through its matching declarations; anybody else's, a few thousand at most,
// through their declarations.
constexpr std::string_view kIdsOfQuarters = "FROM quarterly_registrations q ";
constexpr std::string_view kScopeAuthority = "WHERE q.authority_id = $1 ";
constexpr std::string_view kScopeAuthorityProjects =
    "WHERE q.declaration_id IN (SELECT d.id FROM declarations d WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL ";
// When the matches are more than half of the authority's quarters (a one- or two-character search has
// no index and may match the whole district), its quarters in the order asked for, walked from the
// order's index past the quarters of the projects that do not match, by their 报监编号 (V067, V068), as
// the month list does (monthly_store.cpp kScopeAuthorityWalk, which says why the 报监编号 tells them
// apart and why `IS NOT TRUE`). The project filters follow, then kOthersEnd.
constexpr std::string_view kScopeAuthorityWalk =
    "WHERE q.authority_id = $1 AND q.registration_no NOT IN (SELECT d.registration_no FROM declarations d "
    "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL AND (1 = 1 ";
constexpr std::string_view kOthersEnd = ") IS NOT TRUE) ";
constexpr std::string_view kIdsThroughDeclarations = "FROM quarterly_registrations q JOIN declarations d ON d.id = q.declaration_id ";
// The authority's total from its counts (V040, V041) when no filter but the state applies.
constexpr std::string_view kAuthorityTotal = "SELECT COALESCE(SUM(q.n), 0) FROM quarterly_counts q WHERE q.authority_id = $1 ";
constexpr std::string_view kPageFrom = "FROM quarterly_registrations q JOIN (";
constexpr std::string_view kPageJoin =
    ") pg ON pg.id = q.id JOIN declarations d ON d.id = q.declaration_id LEFT JOIN quarterly_registration_history h "
    "ON h.id = (SELECT MAX(x.id) FROM quarterly_registration_history x WHERE x.quarterly_id = q.id) ";
// The filters, each added only when asked for, so that the planner sees plain predicates. The state
// is an expression where the quarters are picked through their declarations, as the month list's
// (SQLite would walk the city's quarters of that state, V005's quarterly_status); the administrator's
// scope is the city, which that index serves.
constexpr std::string_view kStatus = "AND q.status = ? ";
constexpr std::string_view kStatusOfDeclarations = "AND q.status || '' = ? ";
constexpr std::string_view kDistrict = "AND d.district = ? ";
constexpr std::string_view kQuarterFrom = "AND q.quarter >= ? ";
constexpr std::string_view kQuarterTo = "AND q.quarter <= ? ";
constexpr std::string_view kById = "AND q.id = $2";
constexpr std::string_view kOfDeclaration = "AND q.declaration_id = $2 ORDER BY q.quarter ASC";

// Over the quarter's own columns only, so that an index (V067) gives each order as it is. Each is total
// (it ends with the id, or with the quarter of a 报监编号, which is one declaration's: V003, V005), so a
// page in the second half can be read from the end.
constexpr std::array kSorts{
    SortOrder{"-quarter", "ORDER BY q.quarter DESC, q.registration_no ASC, q.id DESC"},
    SortOrder{"quarter", "ORDER BY q.quarter ASC, q.registration_no ASC, q.id ASC"},
    SortOrder{"-updated_at", "ORDER BY q.updated_at DESC, q.id DESC"},
    SortOrder{"registration_no", "ORDER BY q.registration_no ASC, q.quarter DESC"},
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
    "INSERT INTO quarterly_registrations (declaration_id, quarter, status, score, month_count, created_at, updated_at, authority_id, "
    "registration_no) SELECT $1, $2, $6, $3, $4, $5, $5, d.authority_id, d.registration_no FROM declarations d WHERE d.id = $1 RETURNING id";
constexpr std::string_view kUpdateMonths =
    "UPDATE quarterly_registrations SET status = $3, score = $4, month_count = $5, updated_at = $6, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kRegister =
    "UPDATE quarterly_registrations SET status = $6, score = $3, conclusion = $7, registration_count = registration_count + 1, "
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

// The filters of a list over `q` and its declaration `d`, after the scope fragment `s`.
Conditions filtered(Dialect d, const ScopeSql& s, const domain::Scope& scope, const QuarterlyQuery& q) {
  Conditions w(s);
  add_project_search(w, d, scope, q.q);
  if (!q.district.empty()) w.add(sql::kDistrict, q.district);
  if (s.where == sql::kScopeAuthorityProjects) w.add(") ");
  if (s.where == sql::kScopeAuthorityWalk) w.add(sql::kOthersEnd);
  const bool by_declarations = s.where != sql::kScopeAuthority && s.where != sql::kScopeAuthorityWalk;
  if (!q.status.empty()) w.add(by_declarations && !scope.all ? sql::kStatusOfDeclarations : sql::kStatus, q.status);
  if (!q.quarter_from.empty()) w.add(sql::kQuarterFrom, q.quarter_from);
  if (!q.quarter_to.empty()) w.add(sql::kQuarterTo, q.quarter_to);
  return w;
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
  const auto s = declaration_scope(scope);
  const bool authority = authority_scope(scope);
  const bool project_filters = !q.q.empty() || !q.district.empty();
  const auto w = filtered(c.dialect(),
                          authority ? ScopeSql{project_filters ? sql::kScopeAuthorityProjects : sql::kScopeAuthority, s.id} : s, scope, q);
  std::string from(authority ? sql::kIdsOfQuarters : sql::kIdsThroughDeclarations);
  from += w.sql();
  const std::string order(order_by(sql::kSorts, q.sort));
  // The authority's quarters in the state asked for, from its counts (V040, V041).
  const auto authority_quarters = [&] {
    Conditions total(ScopeSql{sql::kAuthorityTotal, s.id});
    if (!q.status.empty()) total.add(sql::kStatus, q.status);
    return c.query_one(total.sql(), total.params())->integer(0);
  };
  QuarterlyPage page;
  if (authority && !project_filters && q.quarter_from.empty() && q.quarter_to.empty())
    page.total = authority_quarters();
  else
    page.total = c.query_one("SELECT COUNT(*) " + from, w.params())->integer(0);
  // A search or a district matching more than half of them: the page walks the order's index instead
  // of sorting the matches (9,135 quarters of 闵行 for q=区 at 20k projects, 11–25 ms a middle page).
  const bool walk = authority && project_filters && 2 * page.total > authority_quarters();
  const auto walked = walk ? filtered(c.dialect(), ScopeSql{sql::kScopeAuthorityWalk, s.id}, scope, q) : w;
  // A page in the list's second half is read from its end; its rows are those ids in the caller's scope
  // once more ($1).
  read_page_of_ids(c, std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kLatestColumns) + std::string(sql::kPageFrom),
                   "SELECT q.id " + (walk ? std::string(sql::kIdsOfQuarters) + walked.sql() : from), walked,
                   std::string(sql::kPageJoin) + std::string(s.where), order, page.total, q, page.items, from_row);
  return page;
}

void each_quarterly(Connection& c, const domain::Scope& scope, const QuarterlyQuery& q,
                    const std::function<void(const QuarterlyRow&)>& on_row) {
  const auto w = filtered(c.dialect(), declaration_scope(scope), scope, q);
  std::string text(sql::kColumns);
  text += std::string(kDeclarationRefColumns) + std::string(sql::kLatestColumns) + std::string(sql::kFrom) + w.sql() +
          std::string(order_by(sql::kSorts, q.sort));
  c.run(text, w.params(), [&](Row& r) { on_row(from_row(r)); });
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
  if (c.execute(sql::kRegister, params(q.id, version, r.score, r.registered_at, quarter.from, quarter.to, r.conclusion)) != 1) return false;
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
