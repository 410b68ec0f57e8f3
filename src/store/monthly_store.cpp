// Monthly evaluation SQL: statements are composed only from the constants below (the declaration
// scope fragment, the filters and an ORDER BY from a fixed table).
#include "store/monthly_store.hpp"

#include "domain/workflow/monthly.hpp"
#include "store/spec_sql.hpp"

#include <array>

#include "store/declaration_scope.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT m.id, m.version, m.period, m.status, m.template_id, t.code, t.version, m.self_score, m.review_score, "
    "m.created_at, m.submitted_at, m.reviewed_at, m.filed_at, m.updated_at, sp.id, sp.status, ";
constexpr int kRefAt = 16;
// The sheets (V023: rows of monthly_sheets, out of the month's row) where a sheet is shown or scored.
constexpr std::string_view kSheetColumns = ", ss.input, ss.result, rs.input, rs.result ";
constexpr std::string_view kSheetJoins =
    "JOIN monthly_sheets ss ON ss.monthly_id = m.id AND ss.sheet = 'self' "
    "LEFT JOIN monthly_sheets rs ON rs.monthly_id = m.id AND rs.sheet = 'review' ";
constexpr std::string_view kFrom =
    "FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id JOIN templates t ON t.id = m.template_id "
    "LEFT JOIN spot_checks sp ON sp.monthly_id = m.id ";
// After the scope fragment ($1): $2 = 1 when the caller sees drafts (the contractor's own unfinished months).
const std::string& drafts() {
  static const std::string text = "AND ($2 = 1 OR m.status <> " + quoted(domain::monthly::kSpec.code(domain::monthly::State::draft)) + ") ";
  return text;
}
constexpr std::string_view kById = "AND m.id = $3";
constexpr std::string_view kState =
    "SELECT m.id, m.version, m.period, m.status, m.template_id, m.declaration_id FROM monthly_evaluations m "
    "JOIN declarations d ON d.id = m.declaration_id ";
constexpr std::string_view kOfDeclaration = "AND m.declaration_id = $3 ORDER BY m.period DESC";

// A list page: its ids first, from an index in the order asked for, then the rest joined for those
// rows only. The authority's and a construction enterprise's months are picked from
// monthly_evaluations alone (V020, V037: the month carries its authority, its contractor and its
// 报监编号); anybody else's, a few hundred, through their declarations.
constexpr std::string_view kIdsOfMonths = "FROM monthly_evaluations m ";
constexpr std::string_view kScopeAuthority = "WHERE m.authority_id = $1 ";
// With q or district: the authority's declarations whose project matches (by the 报监编号, name and
// district each declaration carries: V019, V034, V053), then their months (a few declarations matched
// once, instead of every month of the district); the project filters follow, then the closing
// parenthesis (filtered()).
constexpr std::string_view kScopeAuthorityProjects =
    "WHERE m.declaration_id IN (SELECT d.id FROM declarations d "
    "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL ";
// When the matching declarations hold most of the authority's months (a one- or two-character search
// has no index and may match the whole district, 21,793 months at 20k projects): its months in the
// order asked for, walked from its index (V020, V063) past the months of the projects that do not
// match (kOthers, a few), so that a page reads about its OFFSET + LIMIT entries instead of sorting every
// match. The months are told apart by their copy of the 报监编号, which each of those indexes holds: it
// is their project's (unique and fixed, V001, V020), a project has one declaration (V003), and whether
// it matches depends only on its project's 报监编号, name and district. `(1 = 1 AND …) IS NOT TRUE` is
// the negation of the project filters that counts a declaration whose filter is NULL among the others,
// as the list leaves it out.
constexpr std::string_view kScopeAuthorityWalk =
    "WHERE m.authority_id = $1 AND m.registration_no NOT IN (SELECT d.registration_no FROM declarations d "
    "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL AND (1 = 1 ";
// The months of those other projects (V020's index by 报监编号), which the walk's total leaves out.
constexpr std::string_view kScopeAuthorityOthers =
    "WHERE m.authority_id = $1 AND m.registration_no IN (SELECT d.registration_no FROM declarations d "
    "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL AND (1 = 1 ";
constexpr std::string_view kOthersEnd = ") IS NOT TRUE) ";
// The months of the authority's matching declarations (V061, V062), drafts too, and those past their
// draft (V065, V066), after its declaration scope; of all of them, its counts (kAuthorityTotal).
constexpr std::string_view kMatchedMonths =
    "SELECT COALESCE(SUM(d.months_n), 0), COALESCE(SUM(d.months_submitted_n), 0) FROM declarations d ";
// A construction enterprise's months (no clerk, no project filter) from their copy of its id (V037).
constexpr std::string_view kScopeContractor = "WHERE m.contractor_enterprise_id = $1 ";
// The totals of an authority's and a construction enterprise's lists from their counts (V058, V059)
// when no filter but the state applies; the drafts (never an authority's) follow as in the list.
constexpr std::string_view kAuthorityTotal = "SELECT COALESCE(SUM(m.n), 0) FROM monthly_counts m WHERE m.authority_id = $1 ";
constexpr std::string_view kContractorTotal =
    "SELECT COALESCE(SUM(m.n), 0) FROM monthly_contractor_counts m WHERE m.contractor_enterprise_id = $1 ";
constexpr std::string_view kIdsThroughDeclarations = "FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ";
constexpr std::string_view kPageFrom = "FROM monthly_evaluations m JOIN (";
constexpr std::string_view kPageJoin =
    ") pg ON pg.id = m.id JOIN declarations d ON d.id = m.declaration_id JOIN templates t ON t.id = m.template_id "
    "LEFT JOIN spot_checks sp ON sp.monthly_id = m.id ";

// The filters, each added only when asked for, so that the planner sees plain predicates.
const std::string& no_drafts() {
  static const std::string text = "AND m.status <> " + quoted(domain::monthly::kSpec.code(domain::monthly::State::draft)) + " ";
  return text;
}
constexpr std::string_view kStatus = "AND m.status = ? ";
// The state as an expression (`|| ''`, on both backends) where the months are picked through their
// declarations: SQLite, which has no statistics, otherwise walked the city's months of that state
// (V004's monthly_status) and tested each against the scope: 79 ms for 闵行's `q=住宅&status=filed`
// and 91 ms for a supervisor's filed months at 20k projects, 4–5 ms through the declarations
// (session 31). The administrator's scope is the city, whose months that index serves.
constexpr std::string_view kStatusOfDeclarations = "AND m.status || '' = ? ";
constexpr std::string_view kDistrict = "AND d.district = ? ";  // V053
constexpr std::string_view kPeriodFrom = "AND m.period >= ? ";
constexpr std::string_view kPeriodTo = "AND m.period <= ? ";

// Over the month's own columns only, so that an index (V020) gives each order as it is.
constexpr std::array kSorts{
    SortOrder{"-period", "ORDER BY m.period DESC, m.registration_no ASC, m.id DESC"},
    SortOrder{"period", "ORDER BY m.period ASC, m.registration_no ASC, m.id ASC"},
    SortOrder{"-updated_at", "ORDER BY m.updated_at DESC, m.id DESC"},
    SortOrder{"registration_no", "ORDER BY m.registration_no ASC, m.period DESC"},
    SortOrder{"status", "ORDER BY m.status ASC, m.period DESC, m.registration_no ASC, m.id DESC"},
};
constexpr std::string_view kPeriods = "SELECT period, status FROM monthly_evaluations WHERE declaration_id = $1 ORDER BY period";
constexpr std::string_view kInsert =
    "INSERT INTO monthly_evaluations (declaration_id, period, status, template_id, self_score, created_at, "
    "updated_at, authority_id, registration_no, contractor_enterprise_id) VALUES ($1, $2, $6, $3, $4, $5, $5, "
    "(SELECT authority_id FROM declarations WHERE id = $1), (SELECT registration_no FROM declarations WHERE id = $1), "
    "(SELECT contractor_enterprise_id FROM declarations WHERE id = $1)) RETURNING id";
// The month's row moves on at its version first (the optimistic check); its sheet is written only then.
constexpr std::string_view kUpdateSelf =
    "UPDATE monthly_evaluations SET self_score = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kUpdateReview =
    "UPDATE monthly_evaluations SET status = $3, review_score = $4, reviewed_at = $5, updated_at = $5, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kSubmitSelf =
    "UPDATE monthly_evaluations SET self_score = $3, status = $4, submitted_at = $5, updated_at = $5, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kSubmitReview =
    "UPDATE monthly_evaluations SET review_score = $3, status = $4, filed_at = $5, updated_at = $5, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kWriteSheet =
    "INSERT INTO monthly_sheets (monthly_id, sheet, input, result) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (monthly_id, sheet) DO UPDATE SET input = excluded.input, result = excluded.result";
constexpr std::string_view kDeleteDeductions = "DELETE FROM monthly_deductions WHERE monthly_id = $1 AND sheet = $2";
// A sheet's deductions are written in statements of 16, 8, 4, 2 or 1 rows (store::execute_rows): a few
// statements a sheet (one each was a round trip per deduction on PostgreSQL), five texts to prepare.
constexpr std::string_view kInsertDeductions =
    "INSERT INTO monthly_deductions (monthly_id, declaration_id, period, sheet, check_item, sub_item, clause, problem, n, points_milli) "
    "VALUES {rows}";
constexpr std::size_t kDeductionColumns = 10;
constexpr std::size_t kDeductionRows[] = {16, 8, 4, 2, 1};
// The latest sheet of a month is its review sheet once one was saved (a month has a review score
// exactly when it has a review sheet: both are written by the same statements). Each earlier month
// picks its latest sheet's entries of the V025 index, the clause inside it; the caller counts them.
// SQLite: CROSS JOIN keeps the months outside, and `|| ''` keeps SQLite from turning x.period =
// m.period into x.period < $2, which read both sheets of every earlier month and looked each
// deduction's month up (81 → 32 µs a declaration at 20k projects, docs/decisions.md "Issue 25,
// session 22"). PostgreSQL reads CROSS JOIN … WHERE as the same inner join.
constexpr std::string_view kHistory =
    "SELECT x.clause FROM monthly_evaluations m CROSS JOIN monthly_deductions x "
    "WHERE m.declaration_id = $1 AND m.period < $2 AND x.declaration_id = m.declaration_id AND x.period = m.period || '' "
    "AND x.sheet = CASE WHEN m.review_score IS NULL THEN 'self' ELSE 'review' END";
const std::string& deductions_of() {
  static const std::string text =
      "SELECT x.monthly_id, x.period, x.sheet, x.check_item, x.sub_item, x.clause, x.problem, x.n, x.points_milli "
      "FROM monthly_deductions x JOIN monthly_evaluations m ON m.id = x.monthly_id "
      "WHERE x.declaration_id = $1 " + drafts().substr(0, drafts().size() - 1) + " ORDER BY x.period DESC, x.sheet DESC, x.id ASC";
  return text;
}

}  // namespace sql

namespace {

MonthlyRow from_row(const Row& r) {
  MonthlyRow m;
  m.id = r.integer(0);
  m.version = r.integer(1);
  m.period = r.text(2);
  m.status = r.text(3);
  m.template_id = r.integer(4);
  m.template_code = r.text(5);
  m.template_version = r.integer(6);
  m.self_score = r.integer(7);
  m.review_score = r.opt_integer(8);
  m.created_at = r.integer(9);
  m.submitted_at = r.opt_integer(10);
  m.reviewed_at = r.opt_integer(11);
  m.filed_at = r.opt_integer(12);
  m.updated_at = r.integer(13);
  m.spot_check_id = r.opt_integer(14);
  m.spot_check_status = r.opt_text(15);
  read_declaration_ref(r, sql::kRefAt, m);
  constexpr std::size_t kSheetsAt = sql::kRefAt + kDeclarationRefWidth;
  if (r.size() > kSheetsAt) {
    m.self_sheet = r.text(kSheetsAt);
    m.self_result = r.text(kSheetsAt + 1);
    m.review_sheet = r.opt_text(kSheetsAt + 2);
    m.review_result = r.opt_text(kSheetsAt + 3);
  }
  return m;
}

std::int64_t drafts_flag(const domain::Scope& s) { return s.sees_drafts ? 1 : 0; }

// The project filters of a list (the 名称/编号 search, the district) over its declaration `d`.
void add_project_filters(Conditions& w, Dialect d, const domain::Scope& scope, const MonthlyQuery& q) {
  add_project_search(w, d, scope, q.q);
  if (!q.district.empty()) w.add(sql::kDistrict, q.district);
}

// The month's own filters: the drafts the scope does not see, the state, the periods. `by_declarations`:
// the months are picked through their declarations (not by the authority's or the enterprise's own
// indexes of them).
void add_month_filters(Conditions& w, const domain::Scope& scope, const MonthlyQuery& q, bool by_declarations) {
  if (!scope.sees_drafts) w.add(sql::no_drafts());
  if (!q.status.empty()) w.add(by_declarations && !scope.all ? sql::kStatusOfDeclarations : sql::kStatus, q.status);
  if (!q.period_from.empty()) w.add(sql::kPeriodFrom, q.period_from);
  if (!q.period_to.empty()) w.add(sql::kPeriodTo, q.period_to);
}

// The filters of a list over `m` and its declaration `d` (the project's columns as `d` carries them), after
// the scope fragment.
Conditions filtered(Dialect d, const ScopeSql& s, const domain::Scope& scope, const MonthlyQuery& q) {
  Conditions w(s);
  add_project_filters(w, d, scope, q);
  if (s.where == sql::kScopeAuthorityProjects) w.add(") ");
  add_month_filters(w, scope, q, s.where != sql::kScopeAuthority && s.where != sql::kScopeContractor);
  return w;
}

// The filters of an authority's months with a project filter, as the months of the declarations that
// do not match it (`others`: for the total) or as the walk past them (for the page).
Conditions authority_others(Dialect d, std::string_view scope_sql, const domain::Scope& scope, const MonthlyQuery& q) {
  Conditions w(ScopeSql{scope_sql, scope.authority_id});
  add_project_filters(w, d, scope, q);
  w.add(sql::kOthersEnd);
  add_month_filters(w, scope, q, false);
  return w;
}

// The months of the authority's declarations that match the project filters: all of them (drafts
// too) and those past their draft, which the authority sees.
struct Matched {
  std::int64_t months = 0, submitted = 0;
};
Matched matched_months(Connection& c, const domain::Scope& scope, const MonthlyQuery& q) {
  Conditions w(declaration_scope(scope));
  add_project_filters(w, c.dialect(), scope, q);
  const auto r = c.query_one(std::string(sql::kMatchedMonths) + w.sql(), w.params());
  return {r->integer(0), r->integer(1)};
}

// Whether the matching declarations hold more than half of the authority's months: then its page walks
// the authority's months in order (sql::kScopeAuthorityWalk), else it reads the matches' months.
bool most_months(Connection& c, const domain::Scope& scope, const Matched& matched) {
  if (matched.months == 0) return false;
  return 2 * matched.months > c.query_one(sql::kAuthorityTotal, params(scope.authority_id))->integer(0);
}

std::string select_where(const ScopeSql& s, bool sheets) {
  std::string text(sql::kColumns);
  text += kDeclarationRefColumns;
  if (sheets) text += sql::kSheetColumns;
  text += std::string(sql::kFrom);
  if (sheets) text += sql::kSheetJoins;
  return text + std::string(s.where) + sql::drafts();
}

// The list's total from the counts, when its scope has them and no filter but the state applies;
// otherwise none: the caller counts.
std::optional<std::int64_t> counted_total(Connection& c, const domain::Scope& scope, bool authority, bool contractor, const MonthlyQuery& q) {
  if ((!authority && !contractor) || !q.q.empty() || !q.district.empty() || !q.period_from.empty() || !q.period_to.empty())
    return std::nullopt;
  Conditions w(ScopeSql{authority ? sql::kAuthorityTotal : sql::kContractorTotal, authority ? scope.authority_id : scope.enterprise_id});
  if (!scope.sees_drafts) w.add(sql::no_drafts());
  if (!q.status.empty()) w.add(sql::kStatus, q.status);
  return c.query_one(w.sql(), w.params())->integer(0);
}

// The authority's months with no project filter, as many as the month filters leave: from its counts
// when they can say, else counted.
std::int64_t authority_months(Connection& c, const domain::Scope& scope, MonthlyQuery q) {
  q.q.clear();
  q.district.clear();
  if (auto total = counted_total(c, scope, true, false, q)) return *total;
  Conditions w(ScopeSql{sql::kScopeAuthority, scope.authority_id});
  add_month_filters(w, scope, q, false);
  return c.query_one("SELECT COUNT(*) " + std::string(sql::kIdsOfMonths) + w.sql(), w.params())->integer(0);
}

}  // namespace

std::optional<MonthlyRow> find_monthly(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(select_where(s, true) + std::string(sql::kById), params(s.id, drafts_flag(scope), id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::optional<MonthlyRow> find_monthly_state(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  auto r = c.query_one(std::string(sql::kState) + std::string(s.where) + sql::drafts() + std::string(sql::kById),
                       params(s.id, drafts_flag(scope), id));
  if (!r) return std::nullopt;
  MonthlyRow m;
  m.id = r->integer(0);
  m.version = r->integer(1);
  m.period = r->text(2);
  m.status = r->text(3);
  m.template_id = r->integer(4);
  m.declaration_id = r->integer(5);
  return m;
}

bool valid_monthly_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

MonthlyPage list_monthly(Connection& c, const domain::Scope& scope, const MonthlyQuery& q) {
  const auto s = declaration_scope(scope);
  const bool authority = authority_scope(scope);
  // The authority's project filters (search or district) pick its declarations in a subquery, or,
  // when they match most of its months, leave out the others from a walk of all of them.
  const bool project_filters = !q.q.empty() || !q.district.empty();
  const auto matched = authority && project_filters ? matched_months(c, scope, q) : Matched{};
  const bool walk = authority && project_filters && most_months(c, scope, matched);
  const bool month_filters = !q.status.empty() || !q.period_from.empty() || !q.period_to.empty();
  // A construction enterprise's own list (not a clerk's) reads its months' copy of the enterprise.
  const bool contractor = whole_contractor(scope) && !project_filters;
  const auto w = walk ? authority_others(c.dialect(), sql::kScopeAuthorityWalk, scope, q)
                      : filtered(c.dialect(),
                                 authority    ? ScopeSql{project_filters ? sql::kScopeAuthorityProjects : sql::kScopeAuthority, s.id}
                                 : contractor ? ScopeSql{sql::kScopeContractor, s.id}
                                              : s,
                                 scope, q);
  std::string from(authority || contractor ? sql::kIdsOfMonths : sql::kIdsThroughDeclarations);
  from += w.sql();
  const std::string order(order_by(sql::kSorts, q.sort));
  MonthlyPage page;
  if (authority && project_filters && !month_filters) {
    // No filter but the project's: the months past their draft of the declarations that match.
    page.total = matched.submitted;
  } else if (walk) {
    const auto others = authority_others(c.dialect(), sql::kScopeAuthorityOthers, scope, q);
    page.total = authority_months(c, scope, q) -
                 c.query_one("SELECT COUNT(*) " + std::string(sql::kIdsOfMonths) + others.sql(), others.params())->integer(0);
  } else if (auto total = counted_total(c, scope, authority, contractor, q)) {
    page.total = *total;
  } else {
    page.total = c.query_one("SELECT COUNT(*) " + from, w.params())->integer(0);
  }
  // A page in the list's second half is read from its end (every order of kSorts is total: each ends
  // with the id, or with the period of a 报监编号, which is one declaration's: V003, V004). Its rows are
  // those ids in the caller's scope once more ($1), so that a month copied with a wrong authority could
  // only be missing from a page, never shown to another authority.
  read_page_of_ids(c, std::string(sql::kColumns) + std::string(kDeclarationRefColumns) + std::string(sql::kPageFrom), "SELECT m.id " + from, w,
                   std::string(sql::kPageJoin) + std::string(s.where), order, page.total, q, page.items, from_row);
  return page;
}

void each_monthly(Connection& c, const domain::Scope& scope, const MonthlyQuery& q, const std::function<void(const MonthlyRow&)>& on_row) {
  const auto w = filtered(c.dialect(), declaration_scope(scope), scope, q);
  std::string text(sql::kColumns);
  text += kDeclarationRefColumns;
  text += std::string(sql::kFrom) + w.sql() + std::string(order_by(sql::kSorts, q.sort));
  c.run(text, w.params(), [&](Row& r) { on_row(from_row(r)); });
}

std::vector<MonthlyRow> monthly_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id) {
  auto s = declaration_scope(scope);
  std::vector<MonthlyRow> out;
  c.run(select_where(s, false) + std::string(sql::kOfDeclaration), params(s.id, drafts_flag(scope), declaration_id),
        [&](Row& r) { out.push_back(from_row(r)); });
  return out;
}

std::vector<std::pair<std::string, std::string>> periods_of_declaration(Connection& c, std::int64_t declaration_id) {
  std::vector<std::pair<std::string, std::string>> out;
  c.run(sql::kPeriods, params(declaration_id), [&](Row& r) { out.emplace_back(r.text(0), r.text(1)); });
  return out;
}

namespace {

// The sheet's row, once the month's own row moved on at `version` (`moved`); false when it did not.
bool write_sheet(Connection& c, bool moved, std::int64_t id, domain::monthly::Sheet sheet, const SheetWrite& w) {
  if (!moved) return false;
  c.execute(sql::kWriteSheet, params(id, std::string(domain::monthly::to_string(sheet)), w.sheet, w.result));
  return true;
}

}  // namespace

std::int64_t insert_monthly(Connection& c, std::int64_t declaration_id, const std::string& period, std::int64_t template_id,
                            const SheetWrite& self, std::int64_t now_ms, const std::string& status) {
  const auto id = c.query_one(sql::kInsert, params(declaration_id, period, template_id, self.score, now_ms, status))->integer(0);
  write_sheet(c, true, id, domain::monthly::Sheet::self, self);
  return id;
}

bool update_self_sheet(Connection& c, std::int64_t id, std::int64_t version, const SheetWrite& self, std::int64_t now_ms) {
  return write_sheet(c, c.execute(sql::kUpdateSelf, params(id, version, self.score, now_ms)) == 1, id, domain::monthly::Sheet::self, self);
}

bool update_review_sheet(Connection& c, std::int64_t id, std::int64_t version, const std::string& status, const SheetWrite& review,
                         std::int64_t now_ms) {
  return write_sheet(c, c.execute(sql::kUpdateReview, params(id, version, status, review.score, now_ms)) == 1, id, domain::monthly::Sheet::review,
                     review);
}

bool submit_sheet(Connection& c, std::int64_t id, std::int64_t version, domain::monthly::Sheet sheet, const std::string& status, const SheetWrite& w,
                  std::int64_t now_ms) {
  return write_sheet(c, c.execute(sheet == domain::monthly::Sheet::self ? sql::kSubmitSelf : sql::kSubmitReview,
                                  params(id, version, w.score, status, now_ms)) == 1,
                     id, sheet, w);
}

void replace_deductions(Connection& c, const MonthlyRow& m, domain::monthly::Sheet sheet,
                        const std::vector<domain::scoring::DeductionResult>& deductions) {
  const auto code = domain::monthly::to_string(sheet);
  c.execute(sql::kDeleteDeductions, params(m.id, code));
  std::vector<Value> values;
  values.reserve(deductions.size() * sql::kDeductionColumns);
  for (const auto& d : deductions)
    for (auto& v : params(m.id, m.declaration_id, m.period, code, d.check_item, d.sub_item, d.clause, d.problem, std::int64_t{d.n}, d.points.v))
      values.push_back(std::move(v));
  store::execute_rows(c, sql::kInsertDeductions, sql::kDeductionColumns, values, sql::kDeductionRows);
}

domain::scoring::History clause_history(Connection& c, std::int64_t declaration_id, const std::string& period) {
  domain::scoring::History h;
  c.run(sql::kHistory, params(declaration_id, period), [&](Row& r) { ++h[r.text(0)]; });
  return h;
}

std::vector<DeductionRecord> deductions_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id) {
  std::vector<DeductionRecord> out;
  c.run(sql::deductions_of(), params(declaration_id, drafts_flag(scope)), [&](Row& r) {
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), static_cast<int>(r.integer(7)),
                   r.integer(8)});
  });
  return out;
}

}  // namespace qsm::store
