// What the benchmark data generator (`qsm bench-data`) reads back after importing its registry:
// every project with its two contracts, in one query instead of one per project.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct GenerationProject {
  std::int64_t project_id = 0, authority_id = 0;
  std::string registration_no, planned_start, planned_finish;
  std::int64_t contractor_enterprise_id = 0, supervisor_enterprise_id = 0;
  std::string contractor_name, supervisor_name, authority_name, contractor_uscc, supervisor_uscc;
  std::int64_t contractor_manager_id = 0, supervision_manager_id = 0;
};
// Projects with both contracts and no declaration yet, by registration number.
std::vector<GenerationProject> undeclared_projects(Connection& c);
std::int64_t declaration_count(Connection& c);
// For the write benchmark (`qsm bench-sessions`): up to `count` accepted declarations, each of a
// different construction enterprise, as (declaration id, enterprise id).
std::vector<std::pair<std::int64_t, std::int64_t>> declarations_of_distinct_contractors(Connection& c, int count);
// Accepted declarations by id, as (declaration id, enterprise id), from the last back.
std::vector<std::pair<std::int64_t, std::int64_t>> accepted_declarations(Connection& c, int count);

// For the realistic mix's writes: months in one status (by id, up to `count`) with what a session of
// the contractor or of a site user of that declaration needs.
struct BenchMonth {
  std::int64_t monthly_id = 0, version = 0, declaration_id = 0, contractor_enterprise_id = 0;
  std::int64_t general_contract_id = 0, general_manager_id = 0, supervision_contract_id = 0, supervision_manager_id = 0;
};
std::vector<BenchMonth> bench_months(Connection& c, std::string_view status, int count);

}  // namespace qsm::store
