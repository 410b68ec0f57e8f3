// 企业办事员: SQL.
#include "store/clerk_store.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kColumns =
    "SELECT k.id, k.enterprise_id, k.person_id, k.created_at, k.updated_at, k.version, pe.name, pe.mobile, k.actions, k.disabled "
    "FROM clerks k JOIN persons pe ON pe.id = k.person_id ";
constexpr std::string_view kOfEnterprise = "WHERE k.enterprise_id = $1 ORDER BY k.id DESC";
constexpr std::string_view kOne = "WHERE k.enterprise_id = $1 AND k.id = $2";
constexpr std::string_view kProjects =
    "SELECT p.id, p.registration_no, p.name FROM clerk_projects cp JOIN projects p ON p.id = cp.project_id "
    "WHERE cp.clerk_id = $1 ORDER BY p.registration_no";
constexpr std::string_view kEnterprisePerson =
    "SELECT id FROM persons WHERE enterprise_id = $1 AND name = $2 AND mobile = $3 ORDER BY id LIMIT 1";
constexpr std::string_view kIsClerk = "SELECT 1 FROM clerks WHERE person_id = $1";
constexpr std::string_view kHolds = "SELECT 1 FROM contracts WHERE project_id = $1 AND enterprise_id = $2 AND kind = $3";
constexpr std::string_view kInsert =
    "INSERT INTO clerks (enterprise_id, person_id, actions, disabled, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id";
constexpr std::string_view kClearProjects = "DELETE FROM clerk_projects WHERE clerk_id = $1";
constexpr std::string_view kAddProject = "INSERT INTO clerk_projects (clerk_id, project_id) VALUES ($1, $2)";
constexpr std::string_view kUpdate =
    "UPDATE clerks SET actions = $3, disabled = $4, updated_at = $5, version = version + 1 WHERE id = $1 AND version = $2";
constexpr std::string_view kRevokeSessions = "UPDATE sessions SET revoked = 1 WHERE clerk_id = $1 AND revoked = 0";
constexpr std::string_view kHasProject = "SELECT 1 FROM clerk_projects WHERE clerk_id = $1 AND project_id = $2";
constexpr std::string_view kLogin =
    "SELECT k.id, k.enterprise_id, e.kind FROM clerks k JOIN enterprises e ON e.id = k.enterprise_id "
    "JOIN persons pe ON pe.id = k.person_id AND pe.enterprise_id = k.enterprise_id WHERE k.person_id = $1 AND k.disabled = 0";
}  // namespace sql

namespace {
ClerkRow clerk_from(const Row& r) {
  ClerkRow k;
  k.id = r.integer(0);
  k.enterprise_id = r.integer(1);
  k.person_id = r.integer(2);
  k.created_at = r.integer(3);
  k.updated_at = r.integer(4);
  k.version = r.integer(5);
  k.name = r.text(6);
  k.mobile = r.text(7);
  k.actions = r.text(8);
  k.disabled = r.integer(9) != 0;
  return k;
}

void read_projects(Connection& c, ClerkRow& k) {
  c.run(sql::kProjects, params(k.id), [&](Row& r) { k.projects.push_back({r.integer(0), r.text(1), r.text(2)}); });
}
}  // namespace

std::vector<ClerkRow> clerks_of(Connection& c, std::int64_t enterprise_id) {
  std::vector<ClerkRow> out;
  c.run(std::string(sql::kColumns) + std::string(sql::kOfEnterprise), params(enterprise_id), [&](Row& r) { out.push_back(clerk_from(r)); });
  for (auto& k : out) read_projects(c, k);
  return out;
}

std::optional<ClerkRow> find_clerk(Connection& c, std::int64_t enterprise_id, std::int64_t clerk_id) {
  auto r = c.query_one(std::string(sql::kColumns) + std::string(sql::kOne), params(enterprise_id, clerk_id));
  if (!r) return std::nullopt;
  auto k = clerk_from(*r);
  read_projects(c, k);
  return k;
}

std::optional<std::int64_t> enterprise_person(Connection& c, std::int64_t enterprise_id, std::string_view name, std::string_view mobile) {
  auto r = c.query_one(sql::kEnterprisePerson, params(enterprise_id, name, mobile));
  if (!r) return std::nullopt;
  return r->integer(0);
}

bool is_clerk(Connection& c, std::int64_t person_id) { return c.query_one(sql::kIsClerk, params(person_id)).has_value(); }

std::vector<std::int64_t> foreign_projects(Connection& c, std::int64_t enterprise_id, std::string_view kind,
                                           const std::vector<std::int64_t>& project_ids) {
  std::vector<std::int64_t> out;
  for (auto id : project_ids)
    if (!c.query_one(sql::kHolds, params(id, enterprise_id, kind))) out.push_back(id);
  return out;
}

std::int64_t insert_clerk(Connection& c, std::int64_t enterprise_id, std::int64_t person_id, const std::string& actions, std::int64_t now_ms) {
  return c.query_one(sql::kInsert, params(enterprise_id, person_id, actions, now_ms))->integer(0);
}

void set_clerk_projects(Connection& c, std::int64_t clerk_id, const std::vector<std::int64_t>& project_ids) {
  c.execute(sql::kClearProjects, params(clerk_id));
  for (auto id : project_ids) c.execute(sql::kAddProject, params(clerk_id, id));
}

bool update_clerk(Connection& c, std::int64_t clerk_id, std::int64_t version, const std::string& actions, bool disabled, std::int64_t now_ms) {
  return c.execute(sql::kUpdate, params(clerk_id, version, actions, disabled ? 1 : 0, now_ms)) == 1;
}

std::int64_t revoke_clerk_sessions(Connection& c, std::int64_t clerk_id) { return c.execute(sql::kRevokeSessions, params(clerk_id)); }

bool clerk_has_project(Connection& c, std::int64_t clerk_id, std::int64_t project_id) {
  return c.query_one(sql::kHasProject, params(clerk_id, project_id)).has_value();
}

std::optional<ClerkLogin> enabled_clerk_of_person(Connection& c, std::int64_t person_id) {
  auto r = c.query_one(sql::kLogin, params(person_id));
  if (!r) return std::nullopt;
  return ClerkLogin{r->integer(0), r->integer(1), r->text(2)};
}

}  // namespace qsm::store
