// The generator's bulk reads.
#include "store/bench_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kUndeclared =
    "SELECT p.id, p.authority_id, p.registration_no, p.planned_start, p.planned_finish, gc.enterprise_id, sc.enterprise_id, "
    "ge.name, se.name, a.name, ge.uscc, se.uscc, gc.manager_person_id, sc.manager_person_id "
    "FROM projects p JOIN authorities a ON a.id = p.authority_id "
    "JOIN contracts gc ON gc.project_id = p.id AND gc.kind = 'general' JOIN enterprises ge ON ge.id = gc.enterprise_id "
    "JOIN contracts sc ON sc.project_id = p.id AND sc.kind = 'supervision' JOIN enterprises se ON se.id = sc.enterprise_id "
    "WHERE NOT EXISTS (SELECT 1 FROM declarations d WHERE d.project_id = p.id) ORDER BY p.registration_no";
constexpr std::string_view kDeclarationCount = "SELECT COUNT(*) FROM declarations";

}  // namespace sql

std::vector<GenerationProject> undeclared_projects(Connection& c) {
  std::vector<GenerationProject> out;
  c.run(sql::kUndeclared, {}, [&](Row& r) {
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.integer(6), r.text(7), r.text(8),
                   r.text(9), r.text(10), r.text(11), r.integer(12), r.integer(13)});
  });
  return out;
}

std::int64_t declaration_count(Connection& c) { return c.query_one(sql::kDeclarationCount)->integer(0); }

std::vector<std::pair<std::int64_t, std::int64_t>> declarations_of_distinct_contractors(Connection& c, int count) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  c.run("SELECT MIN(d.id), d.contractor_enterprise_id FROM declarations d WHERE d.accepted_at IS NOT NULL "
        "GROUP BY d.contractor_enterprise_id ORDER BY d.contractor_enterprise_id LIMIT $1",
        params(std::int64_t{count}), [&](Row& r) { out.emplace_back(r.integer(0), r.integer(1)); });
  return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> accepted_declarations(Connection& c, int count) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  c.run("SELECT d.id, d.contractor_enterprise_id FROM declarations d WHERE d.accepted_at IS NOT NULL ORDER BY d.id DESC LIMIT $1",
        params(std::int64_t{count}), [&](Row& r) { out.emplace_back(r.integer(0), r.integer(1)); });
  return out;
}

std::vector<BenchMonth> bench_months(Connection& c, std::string_view status, int count) {
  std::vector<BenchMonth> out;
  c.run("SELECT m.id, m.version, d.id, d.contractor_enterprise_id, gc.id, gc.manager_person_id, sc.id, sc.manager_person_id "
        "FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id "
        "JOIN contracts gc ON gc.project_id = d.project_id AND gc.kind = 'general' "
        "JOIN contracts sc ON sc.project_id = d.project_id AND sc.kind = 'supervision' "
        "WHERE m.status = $1 ORDER BY m.id LIMIT $2",
        params(std::string(status), std::int64_t{count}), [&](Row& r) {
          out.push_back({r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.integer(4), r.integer(5), r.integer(6), r.integer(7)});
        });
  return out;
}

}  // namespace qsm::store
