// Declaration SQL. Statements are composed only from the constants below: a scope fragment
// (chosen by role), the filters, and an ORDER BY from a fixed table.
#include "store/declaration_store.hpp"

#include <array>
#include <limits>

#include "store/declaration_scope.hpp"
#include "store/registry_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kColumns =
    "SELECT d.id, d.version, d.project_id, d.status, d.management_status, d.contractor_enterprise_id, d.supervisor_enterprise_id, "
    "d.authority_id, d.quality_target, d.planned_start, d.planned_finish, d.overview, "
    // The managers' names and mobiles as the declaration carries them (V047).
    "d.contractor_manager_id, d.contractor_manager_name, d.contractor_manager_mobile, "
    "d.supervision_manager_id, d.supervision_manager_name, d.supervision_manager_mobile, "
    "d.returned_by_role, d.returned_by_name, d.returned_opinion, d.returned_at, d.accept_opinion, d.accepted_at, "
    "d.template_id, t.code, t.version, d.created_at, d.submitted_at, d.updated_at, "
    "p.registration_no, p.name, p.address, p.district, a.code, a.name, p.structure_type, p.floor_area_centi, "
    "p.planned_start, p.planned_finish, "
    // The construction enterprise as the declaration carries it, the supervision contract's as the project does (V050).
    "p.general_report_no, d.contractor_uscc, d.contractor_name, p.supervision_report_no, p.supervision_uscc, p.supervision_name, "
    "co.id, co.status, d.open_request, "
    "su.id, su.kind, su.status, su.effective_date, te.id, te.status, "
    "CASE WHEN EXISTS (SELECT 1 FROM rectifications sw WHERE sw.declaration_id = d.id AND sw.kind = 'stop_work' AND sw.status <> 'closed') "
    "THEN 1 ELSE 0 END ";
constexpr std::string_view kJoins =
    "JOIN projects p ON p.id = d.project_id JOIN authorities a ON a.id = p.authority_id "
    "LEFT JOIN templates t ON t.id = d.template_id "
    // The project's contracts as the project carries them (V043).
    "LEFT JOIN completions co ON co.declaration_id = d.id "
    // The latest suspension or resumption, and the termination (at most one).
    "LEFT JOIN management_requests su ON su.id = (SELECT MAX(id) FROM management_requests WHERE declaration_id = d.id "
    "AND kind IN ('suspend', 'resume')) "
    "LEFT JOIN management_requests te ON te.declaration_id = d.id AND te.kind = 'terminate' ";
// A list page picks its 20 ids over the declarations alone (the project's 编号, name and district
// as the declaration carries them: V019, V034, V053) first, in the order of an index that starts with
// the scope (V019), and joins the rest for those rows only.
constexpr std::string_view kPageIds = "SELECT d.id FROM declarations d ";
constexpr std::string_view kPageFrom = "FROM declarations d JOIN (";
constexpr std::string_view kPageJoin = ") pg ON pg.id = d.id ";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM declarations d ";
// An authority's total without a filter of the declarations' own (V040/V041: kept by triggers).
constexpr std::string_view kAuthorityTotal = "SELECT COALESCE(SUM(n), 0) FROM declaration_counts WHERE authority_id = $1";
constexpr std::string_view kAuthorityStatusTotal = "SELECT COALESCE(SUM(n), 0) FROM declaration_counts WHERE authority_id = $1 AND status = $2";

// Scope fragments (declaration_scope.hpp).
constexpr std::string_view kScopeAll = "WHERE $1 = 0 ";
constexpr std::string_view kScopeAuthority = "WHERE d.authority_id = $1 AND d.submitted_at IS NOT NULL ";
constexpr std::string_view kScopeContractor = "WHERE d.contractor_enterprise_id = $1 ";
constexpr std::string_view kScopeSupervisor = "WHERE d.supervisor_enterprise_id = $1 AND d.submitted_at IS NOT NULL ";
// A clerk ($1 its id): its enterprise's declarations of the projects it was given.
constexpr std::string_view kScopeClerkContractor =
    "WHERE d.project_id IN (SELECT cp.project_id FROM clerk_projects cp WHERE cp.clerk_id = $1) "
    "AND d.contractor_enterprise_id = (SELECT k.enterprise_id FROM clerks k WHERE k.id = $1) ";
constexpr std::string_view kScopeClerkSupervisor =
    "WHERE d.project_id IN (SELECT cp.project_id FROM clerk_projects cp WHERE cp.clerk_id = $1) "
    "AND d.supervisor_enterprise_id = (SELECT k.enterprise_id FROM clerks k WHERE k.id = $1) AND d.submitted_at IS NOT NULL ";
constexpr std::string_view kScopeProject = "WHERE d.project_id = $1 ";
constexpr std::string_view kScopeProjectSubmitted = "WHERE d.project_id = $1 AND d.submitted_at IS NOT NULL ";

// The list filters, each added only when asked for.
// Over the declaration's own 报监编号 and project name (V019, V034), which V036's trigram indexes serve
// together with the authority on PostgreSQL. Case-insensitive on both backends, as the trigram index
// is (SQLite's LIKE is; PostgreSQL's is not).
constexpr std::string_view kContains =
    "AND (lower(d.registration_no) LIKE lower(?) ESCAPE '\\' OR lower(d.project_name) LIKE lower(?) ESCAPE '\\') ";
// A search shorter than three characters on PostgreSQL: the same test by strpos, which the trigram
// indexes (V036) cannot serve. With LIKE, the generic plan cannot tell a pattern without a trigram and
// read both trigram indexes whole: 120 ms for q=区 over 闵行's 1,923 declarations at 20k projects, 4 ms
// this way (session 30).
constexpr std::string_view kContainsShort =
    "AND (strpos(lower(d.registration_no), lower(?)) > 0 OR strpos(lower(d.project_name), lower(?)) > 0) ";
constexpr std::string_view kSearch = "AND d.project_id IN (SELECT rowid FROM project_search WHERE project_search MATCH ?) ";
// An authority's search on SQLite: its own rowid range of V038's index ($1 is the authority).
constexpr std::string_view kAuthoritySearch =
    "AND d.id IN (SELECT rowid - $1 * 4294967296 FROM declaration_search WHERE declaration_search MATCH ? "
    "AND rowid BETWEEN $1 * 4294967296 AND $1 * 4294967296 + 4294967295) ";
// An authority's search total without another filter on SQLite: its matches in its range of the
// index, which holds only submitted declarations (V056), without reading a declaration.
constexpr std::string_view kAuthoritySearchTotal =
    "SELECT COUNT(*) FROM declaration_search WHERE declaration_search MATCH $2 "
    "AND rowid BETWEEN $1 * 4294967296 AND $1 * 4294967296 + 4294967295";
constexpr std::string_view kStatus = "AND d.status = ? ";
constexpr std::string_view kDistrict = "AND d.district = ? ";  // V053
constexpr std::string_view kCreatedFrom = "AND d.created_at >= ? ";
constexpr std::string_view kCreatedTo = "AND d.created_at < ? ";
constexpr std::string_view kById = "AND d.id = $2";

constexpr std::array kSorts{
    SortOrder{"-updated_at", "ORDER BY d.updated_at DESC, d.id DESC"},
    SortOrder{"updated_at", "ORDER BY d.updated_at ASC, d.id ASC"},
    SortOrder{"registration_no", "ORDER BY d.registration_no ASC"},
    SortOrder{"-registration_no", "ORDER BY d.registration_no DESC"},
    SortOrder{"status", "ORDER BY d.status ASC, d.updated_at DESC, d.id DESC"},
};

constexpr std::string_view kDeclarable =
    "SELECT p.id, p.authority_id, gc.enterprise_id, sc.enterprise_id, (SELECT COUNT(*) FROM declarations d WHERE d.project_id = p.id) "
    "FROM projects p JOIN contracts gc ON gc.project_id = p.id AND gc.kind = 'general' "
    "LEFT JOIN contracts sc ON sc.project_id = p.id AND sc.kind = 'supervision' "
    "WHERE p.id = $1 AND gc.enterprise_id = $2";
constexpr std::string_view kPersonByNameMobile = "SELECT id FROM persons WHERE name = $1 AND mobile = $2 ORDER BY id LIMIT 1";
constexpr std::string_view kContractHolders =
    "SELECT gc.enterprise_id, gc.manager_person_id, sc.enterprise_id, sc.manager_person_id "
    "FROM projects p JOIN contracts gc ON gc.project_id = p.id AND gc.kind = 'general' "
    "LEFT JOIN contracts sc ON sc.project_id = p.id AND sc.kind = 'supervision' WHERE p.id = $1";
constexpr std::string_view kEnterprisePersons =
    "SELECT id, name, mobile FROM persons WHERE enterprise_id = $1 ORDER BY CASE WHEN id = $2 THEN 0 ELSE 1 END, name, id";
constexpr std::string_view kPersonOfEnterprise = "SELECT 1 FROM persons WHERE id = $1 AND enterprise_id = $2";
constexpr std::string_view kInsert =
    "INSERT INTO declarations (project_id, status, contractor_enterprise_id, supervisor_enterprise_id, authority_id, quality_target, "
    "planned_start, planned_finish, overview, contractor_manager_id, supervision_manager_id, created_at, updated_at, registration_no) "
    "VALUES ($1, $12, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, (SELECT registration_no FROM projects WHERE id = $1)) RETURNING id";
constexpr std::string_view kUpdateFields =
    "UPDATE declarations SET quality_target = $3, planned_start = $4, planned_finish = $5, overview = $6, "
    "contractor_manager_id = $7, supervision_manager_id = $8, updated_at = $9, version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kDelete = "DELETE FROM declarations WHERE id = $1 AND version = $2";
constexpr std::string_view kUpdateState =
    "UPDATE declarations SET status = $3, management_status = $4, returned_by_role = $5, returned_by_name = $6, "
    "returned_opinion = $7, returned_at = $8, accept_opinion = COALESCE($9, accept_opinion), "
    "accepted_at = COALESCE($10, accepted_at), submitted_at = COALESCE($11, submitted_at), template_id = COALESCE($12, template_id), "
    "supervision_manager_id = COALESCE($13, supervision_manager_id), updated_at = $14, "
    "review_opinion = CASE WHEN $15 = 1 THEN $16 ELSE review_opinion END, reviewed_by = CASE WHEN $15 = 1 THEN $17 ELSE reviewed_by END, "
    "reviewed_at = CASE WHEN $15 = 1 THEN $18 ELSE reviewed_at END, version = version + 1 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view kReview = "SELECT review_opinion, reviewed_by, reviewed_at FROM declarations WHERE id = $1 AND reviewed_at IS NOT NULL";
constexpr std::string_view kHasDeclaration = "SELECT 1 FROM declarations WHERE project_id = $1";

}  // namespace sql

namespace {

DeclarationRow from_row(const Row& r) {
  DeclarationRow d;
  d.id = r.integer(0);
  d.version = r.integer(1);
  d.project_id = r.integer(2);
  d.status = r.text(3);
  d.management_status = r.opt_text(4);
  d.contractor_enterprise_id = r.integer(5);
  d.supervisor_enterprise_id = r.opt_integer(6);
  d.authority_id = r.integer(7);
  d.quality_target = r.text(8);
  d.planned_start = r.text(9);
  d.planned_finish = r.text(10);
  d.overview = r.text(11);
  d.contractor_manager = {r.integer(12), r.text(13), r.text(14)};
  d.supervision_manager = {r.integer(15), r.text(16), r.text(17)};
  d.returned_by_role = r.opt_text(18);
  d.returned_by_name = r.opt_text(19);
  d.returned_opinion = r.opt_text(20);
  d.returned_at = r.opt_integer(21);
  d.accept_opinion = r.opt_text(22);
  d.accepted_at = r.opt_integer(23);
  d.template_id = r.opt_integer(24);
  d.template_code = r.opt_text(25);
  d.template_version = r.opt_integer(26);
  d.created_at = r.integer(27);
  d.submitted_at = r.opt_integer(28);
  d.updated_at = r.integer(29);
  d.registration_no = r.text(30);
  d.project_name = r.text(31);
  d.address = r.text(32);
  d.district = r.text(33);
  d.authority_code = r.text(34);
  d.authority_name = r.text(35);
  d.structure_type = r.text(36);
  d.floor_area_centi = r.integer(37);
  d.project_planned_start = r.text(38);
  d.project_planned_finish = r.text(39);
  d.general_report_no = r.opt_text(40).value_or("");
  d.general_uscc = r.text(41);
  d.general_name = r.text(42);
  d.supervision_report_no = r.opt_text(43);
  d.supervision_uscc = r.opt_text(44);
  d.supervision_name = r.opt_text(45);
  d.completion_id = r.opt_integer(46);
  d.completion_status = r.opt_text(47);
  d.open_request = r.opt_text(48);
  if (auto id = r.opt_integer(49)) d.suspension = DeclarationRow::Suspension{*id, r.text(50), r.text(51), r.text(52)};
  if (auto id = r.opt_integer(53)) d.termination = DeclarationRow::Termination{*id, r.text(54)};
  d.stop_work = r.integer(55) != 0;
  return d;
}

Conditions conditions(Dialect d, const domain::Scope& scope, const DeclarationQuery& q) {
  Conditions w(declaration_scope(scope));
  add_project_search(w, d, scope, q.q);
  if (!q.status.empty()) w.add(sql::kStatus, q.status);
  if (!q.district.empty()) w.add(sql::kDistrict, q.district);
  if (q.from_ms) w.add(sql::kCreatedFrom, *q.from_ms);
  if (q.to_ms) w.add(sql::kCreatedTo, *q.to_ms);
  return w;
}

// An authority's total read without counting its declarations, where the filters allow: its counts
// (kAuthorityTotal, with or without the state) or, for a search alone on SQLite, its range of the
// search index (kAuthoritySearchTotal). Otherwise none: the caller counts.
std::optional<std::int64_t> authority_total(Connection& c, const domain::Scope& scope, const DeclarationQuery& q) {
  if (!authority_scope(scope) || !q.district.empty() || q.from_ms || q.to_ms) return std::nullopt;
  const auto id = scope.authority_id;
  if (q.q.empty() && q.status.empty()) return c.query_one(sql::kAuthorityTotal, params(id))->integer(0);
  if (q.q.empty()) return c.query_one(sql::kAuthorityStatusTotal, params(id, q.status))->integer(0);
  if (!q.status.empty()) return std::nullopt;  // a search with a state: the index does not hold states
  auto phrase = project_search_phrase(c.dialect(), q.q);
  if (!phrase) return std::nullopt;
  return c.query_one(sql::kAuthoritySearchTotal, params(id, *phrase))->integer(0);
}

std::string select_all() { return std::string(sql::kColumns) + "FROM declarations d " + std::string(sql::kJoins); }

}  // namespace

std::optional<DeclarationRow> find_declaration(Connection& c, const domain::Scope& scope, std::int64_t id) {
  auto s = declaration_scope(scope);
  std::string text = select_all() + std::string(s.where) + std::string(sql::kById);
  auto r = c.query_one(text, params(s.id, id));
  if (!r) return std::nullopt;
  return from_row(*r);
}

bool valid_declaration_sort(std::string_view sort) { return has_sort(sql::kSorts, sort); }

DeclarationPage list_declarations(Connection& c, const domain::Scope& scope, const DeclarationQuery& q) {
  const auto w = conditions(c.dialect(), scope, q);
  const std::string order(order_by(sql::kSorts, q.sort));
  DeclarationPage page;
  const std::string& from = w.sql();
  if (auto total = authority_total(c, scope, q))
    page.total = *total;
  else
    page.total = c.query_one(std::string(sql::kCount) + from, w.params())->integer(0);
  auto bound = w.params();
  bound.emplace_back(std::int64_t{q.page_size});
  bound.emplace_back(std::int64_t{q.page - 1} * q.page_size);
  const std::string text = std::string(sql::kColumns) + std::string(sql::kPageFrom) + std::string(sql::kPageIds) + from + order +
                           " LIMIT " + w.next_param() + " OFFSET " + w.next_param(1) + std::string(sql::kPageJoin) +
                           std::string(sql::kJoins) + order;
  c.run(text, bound, [&](Row& r) { page.items.push_back(from_row(r)); });
  return page;
}

void each_declaration(Connection& c, const domain::Scope& scope, const DeclarationQuery& q,
                      const std::function<void(const DeclarationRow&)>& on_row) {
  const auto w = conditions(c.dialect(), scope, q);
  c.run(select_all() + w.sql() + std::string(order_by(sql::kSorts, q.sort)), w.params(), [&](Row& r) { on_row(from_row(r)); });
}

std::optional<DeclarableProject> declarable_project(Connection& c, std::int64_t project_id, std::int64_t contractor_enterprise_id) {
  auto r = c.query_one(sql::kDeclarable, params(project_id, contractor_enterprise_id));
  if (!r) return std::nullopt;
  return DeclarableProject{r->integer(0), r->integer(1), r->integer(2), r->opt_integer(3), r->integer(4) > 0};
}

std::optional<std::int64_t> person_by_name_mobile(Connection& c, std::string_view name, std::string_view mobile) {
  auto r = c.query_one(sql::kPersonByNameMobile, params(name, mobile));
  if (!r) return std::nullopt;
  return r->integer(0);
}

std::optional<ContractHolders> contract_holders(Connection& c, std::int64_t project_id) {
  auto r = c.query_one(sql::kContractHolders, params(project_id));
  if (!r) return std::nullopt;
  return ContractHolders{r->integer(0), r->integer(1), r->opt_integer(2), r->opt_integer(3)};
}

std::vector<ManagerRef> enterprise_persons(Connection& c, std::int64_t enterprise_id, std::int64_t first) {
  std::vector<ManagerRef> out;
  c.run(sql::kEnterprisePersons, params(enterprise_id, first), [&](Row& r) { out.push_back({r.integer(0), r.text(1), r.text(2)}); });
  return out;
}

bool person_of_enterprise(Connection& c, std::int64_t person_id, std::int64_t enterprise_id) {
  return c.query_one(sql::kPersonOfEnterprise, params(person_id, enterprise_id)).has_value();
}

std::int64_t insert_declaration(Connection& c, const DeclarableProject& p, const DeclarationFields& f, std::int64_t now_ms,
                                const std::string& status) {
  return c.query_one(sql::kInsert, params(p.project_id, p.contractor_enterprise_id, p.supervisor_enterprise_id, p.authority_id,
                                          f.quality_target, f.planned_start, f.planned_finish, f.overview, f.contractor_manager_id,
                                          f.supervision_manager_id, now_ms, status))
      ->integer(0);
}

bool update_declaration_fields(Connection& c, std::int64_t id, std::int64_t version, const DeclarationFields& f, std::int64_t now_ms) {
  return c.execute(sql::kUpdateFields, params(id, version, f.quality_target, f.planned_start, f.planned_finish, f.overview,
                                              f.contractor_manager_id, f.supervision_manager_id, now_ms)) == 1;
}

bool delete_declaration(Connection& c, std::int64_t id, std::int64_t version) {
  return c.execute(sql::kDelete, params(id, version)) == 1;
}

bool update_declaration_state(Connection& c, std::int64_t id, std::int64_t version, const StateChange& s, std::int64_t now_ms) {
  return c.execute(sql::kUpdateState, params(id, version, s.status, s.management_status, s.returned_by_role, s.returned_by_name,
                                             s.returned_opinion, s.returned_at, s.accept_opinion, s.accepted_at, s.submitted_at,
                                             s.template_id, s.supervision_manager_id, now_ms, s.review_written,
                                             s.review ? s.review->opinion : std::nullopt, s.review ? std::optional(s.review->reviewer) : std::nullopt,
                                             s.review ? std::optional(s.review->at) : std::nullopt)) == 1;
}

std::optional<DeclarationRow::Review> declaration_review(Connection& c, std::int64_t id) {
  auto r = c.query_one(sql::kReview, params(id));
  if (!r) return std::nullopt;
  return DeclarationRow::Review{r->opt_text(0), r->text(1), r->integer(2)};
}

bool project_has_declaration(Connection& c, std::int64_t project_id) {
  return c.query_one(sql::kHasDeclaration, params(project_id)).has_value();
}

void add_search(Conditions& w, Dialect d, const SearchFragments& f, std::string_view q) {
  if (q.empty()) return;
  if (auto phrase = project_search_phrase(d, q)) {
    w.add(f.indexed, *phrase);
    return;
  }
  if (d == Dialect::postgresql && search_characters(q) < 3) {
    w.add(f.contains_short, std::string(q), std::string(q));
    return;
  }
  w.add(f.contains, like_contains(q), like_contains(q));
}

void add_project_search(Conditions& w, Dialect d, const domain::Scope& scope, std::string_view q) {
  add_search(w, d, {authority_scope(scope) ? sql::kAuthoritySearch : sql::kSearch, sql::kContains, sql::kContainsShort}, q);
}

void read_declaration_ref(const Row& r, int first, DeclarationRef& out) {
  const auto i = static_cast<std::size_t>(first);
  out.declaration_id = r.integer(i);
  out.registration_no = r.text(i + 1);
  out.project_name = r.text(i + 2);
  out.district = r.text(i + 3);
  out.general_name = r.text(i + 4);
  out.supervision_name = r.opt_text(i + 5);
  out.management_status = r.opt_text(i + 6);
  out.stop_work = r.integer(i + 7) != 0;
}

std::string_view order_by(std::span<const SortOrder> sorts, std::string_view key) {
  for (const auto& s : sorts)
    if (s.key == key) return s.order_by;
  return sorts.front().order_by;
}

std::string reversed_order(std::string_view order_by) {
  constexpr std::string_view kOrderBy = "ORDER BY ";
  std::string out(kOrderBy);
  std::string_view rest = order_by.substr(kOrderBy.size());
  while (!rest.empty()) {
    const auto comma = rest.find(", ");
    std::string_view term = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
    if (term.ends_with(" DESC"))
      out.append(term.substr(0, term.size() - 5)).append(" ASC");
    else if (term.ends_with(" ASC"))
      out.append(term.substr(0, term.size() - 4)).append(" DESC");
    else
      out.append(term).append(" DESC");
    if (!rest.empty()) out += ", ";
  }
  return out;
}

bool has_sort(std::span<const SortOrder> sorts, std::string_view key) {
  for (const auto& s : sorts)
    if (s.key == key) return true;
  return false;
}

bool authority_scope(const domain::Scope& s) { return !s.all && s.authority_id != 0; }

bool whole_contractor(const domain::Scope& s) { return !s.all && !s.authority_id && s.enterprise_id && s.enterprise_is_general && !s.clerk_id; }

ScopeSql declaration_scope(const domain::Scope& s) {
  if (s.all) return {sql::kScopeAll, 0};
  if (s.authority_id) return {sql::kScopeAuthority, s.authority_id};
  if (s.enterprise_id && s.clerk_id) return {s.enterprise_is_general ? sql::kScopeClerkContractor : sql::kScopeClerkSupervisor, s.clerk_id};
  if (s.enterprise_id) return {s.enterprise_is_general ? sql::kScopeContractor : sql::kScopeSupervisor, s.enterprise_id};
  // A site supervisor, like its enterprise, sees the contractor's declaration once it was submitted.
  return {s.sees_drafts ? sql::kScopeProject : sql::kScopeProjectSubmitted, s.project_id};
}

}  // namespace qsm::store
