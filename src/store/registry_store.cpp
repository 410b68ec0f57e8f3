// Registry SQL. Every statement is a named constant; the only variable part of a statement is
// an ORDER BY chosen from a fixed table.
#include "store/registry_store.hpp"

#include <array>

#include "domain/checksum.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kAuthorityExists = "SELECT 1 FROM authorities WHERE code = $1";
constexpr std::string_view kEnterpriseKind = "SELECT kind FROM enterprises WHERE uscc = $1";
constexpr std::string_view kPersonEnterprise =
    "SELECT e.uscc FROM persons p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id_hash = $1";
constexpr std::string_view kProjectContracts =
    "SELECT p.id, c.kind, c.report_no FROM projects p LEFT JOIN contracts c ON c.project_id = p.id WHERE p.registration_no = $1";

constexpr std::string_view kUpsertAuthority =
    "INSERT INTO authorities (code, name, district, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, district = excluded.district, updated_at = excluded.updated_at";
constexpr std::string_view kUpsertEnterprise =
    "INSERT INTO enterprises (uscc, name, kind, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, kind = excluded.kind, updated_at = excluded.updated_at";
constexpr std::string_view kUpsertPerson =
    "INSERT INTO persons (id_hash, id_masked, name, mobile, enterprise_id, updated_at) "
    "VALUES ($1, $2, $3, $4, (SELECT id FROM enterprises WHERE uscc = $5), $6) "
    "ON CONFLICT (id_hash) DO UPDATE SET id_masked = excluded.id_masked, name = excluded.name, mobile = excluded.mobile, "
    "enterprise_id = excluded.enterprise_id, updated_at = excluded.updated_at";
constexpr std::string_view kUpsertProject =
    "INSERT INTO projects (registration_no, name, address, district, authority_id, structure_type, floor_area_centi, "
    "planned_start, planned_finish, updated_at) "
    "VALUES ($1, $2, $3, $4, (SELECT id FROM authorities WHERE code = $5), $6, $7, $8, $9, $10) "
    "ON CONFLICT (registration_no) DO UPDATE SET name = excluded.name, address = excluded.address, district = excluded.district, "
    "authority_id = excluded.authority_id, structure_type = excluded.structure_type, floor_area_centi = excluded.floor_area_centi, "
    "planned_start = excluded.planned_start, planned_finish = excluded.planned_finish, updated_at = excluded.updated_at";
constexpr std::string_view kUpsertContract =
    "INSERT INTO contracts (report_no, project_id, kind, enterprise_id, manager_person_id, updated_at) "
    "VALUES ($1, (SELECT id FROM projects WHERE registration_no = $2), $3, (SELECT id FROM enterprises WHERE uscc = $4), "
    "(SELECT id FROM persons WHERE id_hash = $5), $6) "
    "ON CONFLICT (report_no) DO UPDATE SET project_id = excluded.project_id, kind = excluded.kind, "
    "enterprise_id = excluded.enterprise_id, manager_person_id = excluded.manager_person_id, updated_at = excluded.updated_at";

// The project list (issue 25): the scope's fragment ($1 its id) and only the filters asked for, each a
// plain predicate the planner can match to an index (an `($n = '' OR …)` form hid them: every list
// page read the city's 20,000 projects, 40 ms at 20k). An authority's projects are its range of
// projects_authority and, by name or planned start, of V072's indexes.
constexpr std::string_view kProjectScopeAll = " WHERE $1 = 0";
constexpr std::string_view kProjectScopeAuthority = " WHERE p.authority_id = $1";
constexpr std::string_view kProjectScopeGeneral =
    " WHERE p.id IN (SELECT sc.project_id FROM contracts sc WHERE sc.enterprise_id = $1 AND sc.kind = 'general')";
constexpr std::string_view kProjectScopeSupervision =
    " WHERE p.id IN (SELECT sc.project_id FROM contracts sc WHERE sc.enterprise_id = $1 AND sc.kind = 'supervision')";
constexpr std::string_view kProjectScopeOne = " WHERE p.id = $1";
constexpr std::string_view kProjectOfClerk = " AND p.id IN (SELECT cp.project_id FROM clerk_projects cp WHERE cp.clerk_id = ?)";
// 工程名称 or 报监编号 contains: on SQLite through V021's trigram index from three characters on, on
// PostgreSQL through V022's (lower(…) LIKE) or by strpos under three characters (as declarations do).
constexpr std::string_view kProjectSearch = " AND p.id IN (SELECT rowid FROM project_search WHERE project_search MATCH ?)";
constexpr std::string_view kProjectContains =
    " AND (lower(p.registration_no) LIKE lower(?) ESCAPE '\\' OR lower(p.name) LIKE lower(?) ESCAPE '\\')";
constexpr std::string_view kProjectContainsShort =
    " AND (strpos(lower(p.registration_no), lower(?)) > 0 OR strpos(lower(p.name), lower(?)) > 0)";
constexpr std::string_view kProjectDistrict = " AND p.district = ?";
constexpr std::string_view kProjectUndeclared = " AND NOT EXISTS (SELECT 1 FROM declarations dd WHERE dd.project_id = p.id)";
constexpr std::string_view kProjectCount = "SELECT COUNT(*) FROM projects p";
constexpr std::string_view kProjectPageHead =
    "SELECT p.id, p.registration_no, p.name, p.address, p.district, a.code, a.name, p.structure_type, p.floor_area_centi, "
    "p.planned_start, p.planned_finish FROM projects p JOIN authorities a ON a.id = p.authority_id JOIN (";
constexpr std::string_view kProjectPageJoin = ") pg ON pg.id = p.id";
constexpr std::string_view kContractsOfProject =
    "SELECT c.kind, c.id, c.report_no, e.uscc, e.name, m.name, m.mobile FROM contracts c "
    "JOIN enterprises e ON e.id = c.enterprise_id JOIN persons m ON m.id = c.manager_person_id WHERE c.project_id = $1";

// Every order is total (报监编号 is unique), as a page read from the end needs (read_page_of_ids).
constexpr std::array kProjectSorts{
    SortOrder{"registration_no", " ORDER BY p.registration_no ASC"},
    SortOrder{"-registration_no", " ORDER BY p.registration_no DESC"},
    SortOrder{"name", " ORDER BY p.name ASC, p.id ASC"},
    SortOrder{"-name", " ORDER BY p.name DESC, p.id DESC"},
    SortOrder{"planned_start", " ORDER BY p.planned_start ASC, p.id ASC"},
    SortOrder{"-planned_start", " ORDER BY p.planned_start DESC, p.id DESC"},
};

constexpr std::string_view kCounts =
    "SELECT (SELECT COUNT(*) FROM authorities), (SELECT COUNT(*) FROM enterprises), (SELECT COUNT(*) FROM persons), "
    "(SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM contracts)";

}  // namespace sql

using namespace domain::registry;

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::size_t search_characters(std::string_view text) {
  std::size_t characters = 0;
  for (unsigned char ch : text) characters += (ch & 0xC0) != 0x80;
  return characters;
}

std::optional<std::string> project_search_phrase(Dialect d, std::string_view text) {
  if (d != Dialect::sqlite || search_characters(text) < 3) return std::nullopt;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

Existing lookup_existing(Connection& c, const Unresolved& u, const crypto::Secret& secret) {
  Existing e;
  for (const auto& code : u.authority_codes)
    if (c.query_one(sql::kAuthorityExists, params(code))) e.authority_codes.insert(code);
  for (const auto& uscc : u.enterprise_usccs)
    if (auto r = c.query_one(sql::kEnterpriseKind, params(uscc)))
      if (auto k = enterprise_kind_from(r->text(0))) e.enterprises[uscc] = *k;
  for (const auto& id : u.person_ids)
    if (auto r = c.query_one(sql::kPersonEnterprise, params(secret.hmac_hex(id)))) e.person_enterprise[id] = r->text(0);
  for (const auto& no : u.project_nos) {
    c.run(sql::kProjectContracts, params(no), [&](Row& r) {
      e.project_nos.insert(no);
      if (r.is_null(1)) return;
      if (auto k = contract_kind_from(r.text(1))) e.contracts[{no, *k}] = r.text(2);
    });
  }
  return e;
}

ImportCounts upsert_registry(Connection& c, const File& f, const crypto::Secret& secret, domain::Instant now) {
  const std::int64_t at = domain::to_millis(now);
  ImportCounts n;
  for (const auto& a : f.authorities) n.authorities += static_cast<int>(c.execute(sql::kUpsertAuthority, params(a.code, a.name, a.district, at)));
  for (const auto& e : f.enterprises)
    n.enterprises += static_cast<int>(c.execute(sql::kUpsertEnterprise, params(e.uscc, e.name, to_string(e.kind), at)));
  for (const auto& p : f.persons)
    n.persons += static_cast<int>(c.execute(
        sql::kUpsertPerson, params(secret.hmac_hex(p.id_number), domain::mask_id_number(p.id_number), p.name, p.mobile, p.enterprise_uscc, at)));
  for (const auto& p : f.projects)
    n.projects += static_cast<int>(c.execute(sql::kUpsertProject,
                                             params(p.registration_no, p.name, p.address, p.district, p.authority_code, p.structure_type,
                                                    p.floor_area.hundredths(), domain::format_date(p.planned_start),
                                                    domain::format_date(p.planned_finish), at)));
  for (const auto& k : f.contracts)
    n.contracts += static_cast<int>(c.execute(sql::kUpsertContract, params(k.report_no, k.project_registration_no, to_string(k.kind),
                                                                           k.enterprise_uscc, secret.hmac_hex(k.manager_id_number), at)));
  return n;
}

bool valid_project_sort(std::string_view sort) { return has_sort(sql::kProjectSorts, sort); }

namespace {

ScopeSql project_scope(const domain::Scope& s) {
  if (s.all) return {sql::kProjectScopeAll, 0};
  if (s.authority_id) return {sql::kProjectScopeAuthority, s.authority_id};
  if (s.enterprise_id) return {s.enterprise_is_general ? sql::kProjectScopeGeneral : sql::kProjectScopeSupervision, s.enterprise_id};
  return {sql::kProjectScopeOne, s.project_id};  // a site user's one project; none when it has none (0)
}

Conditions project_conditions(Dialect d, const domain::Scope& scope, const ProjectQuery& q) {
  Conditions w(project_scope(scope));
  if (scope.enterprise_id && scope.clerk_id) w.add(sql::kProjectOfClerk, scope.clerk_id);
  add_search(w, d, {sql::kProjectSearch, sql::kProjectContains, sql::kProjectContainsShort}, q.q);
  if (!q.district.empty()) w.add(sql::kProjectDistrict, q.district);
  if (q.undeclared_only) w.add(sql::kProjectUndeclared);
  return w;
}

}  // namespace

ProjectPage list_projects(Connection& c, const domain::Scope& scope, const ProjectQuery& q) {
  const std::string order(order_by(sql::kProjectSorts, q.sort));
  const auto w = project_conditions(c.dialect(), scope, q);
  ProjectPage page;
  page.total = c.query_one(std::string(sql::kProjectCount) + w.sql(), w.params())->integer(0);
  ListQuery paging;
  paging.page = q.page;
  paging.page_size = q.page_size;
  read_page_of_ids(c, sql::kProjectPageHead, "SELECT p.id FROM projects p" + w.sql() + " ", w, sql::kProjectPageJoin, order, page.total, paging,
                   page.items, [](Row& r) {
                     return ProjectRow{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                                       r.integer(8), r.text(9), r.text(10), std::nullopt, std::nullopt};
                   });
  for (auto& p : page.items) {
    c.run(sql::kContractsOfProject, params(p.id), [&](Row& r) {
      ContractSummary s{r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
      (r.text(0) == "general" ? p.general : p.supervision) = std::move(s);
    });
  }
  return page;
}

std::optional<ProjectRow> list_projects_by_id(Connection& c, std::int64_t project_id) {
  domain::Scope one;
  one.project_id = project_id;
  store::ProjectQuery q;
  q.page_size = 1;
  auto page = list_projects(c, one, q);
  if (page.items.empty()) return std::nullopt;
  return std::move(page.items.front());
}

RegistryCounts registry_counts(Connection& c) {
  auto r = c.query_one(sql::kCounts);
  return RegistryCounts{r->integer(0), r->integer(1), r->integer(2), r->integer(3), r->integer(4)};
}

std::vector<AuthorityRow> list_authorities(Connection& c) {
  std::vector<AuthorityRow> out;
  c.run("SELECT code, name, district FROM authorities ORDER BY code", {}, [&](Row& r) { out.push_back({r.text(0), r.text(1), r.text(2)}); });
  return out;
}

}  // namespace qsm::store
