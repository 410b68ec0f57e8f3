// Registry persistence: resolving references, upserting an import file, listing projects in scope.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "domain/actor.hpp"
#include "domain/registry.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct ImportCounts {
  int authorities = 0, enterprises = 0, persons = 0, projects = 0, contracts = 0;
};

domain::registry::Existing lookup_existing(Connection& c, const domain::registry::Unresolved& u, const crypto::Secret& secret);
// Upserts every record on its natural key; the caller holds the write transaction.
ImportCounts upsert_registry(Connection& c, const domain::registry::File& f, const crypto::Secret& secret, domain::Instant now);

struct ProjectQuery {
  std::string q;         // 工程名称 or 报监编号 contains
  std::string district;  // exact
  std::string sort = "registration_no";
  int page = 1, page_size = 20;
  bool undeclared_only = false;  // ?declarable=true: projects without a declaration
};

struct ContractSummary {
  std::int64_t id = 0;
  std::string report_no, enterprise_uscc, enterprise_name, manager_name, manager_mobile;
};

struct ProjectRow {
  std::int64_t id = 0;
  std::string registration_no, name, address, district, authority_code, authority_name, structure_type;
  std::int64_t floor_area_centi = 0;
  std::string planned_start, planned_finish;
  std::optional<ContractSummary> general, supervision;
};

struct ProjectPage {
  std::vector<ProjectRow> items;
  std::int64_t total = 0;
};

// Sort keys a client may ask for; anything else is a validation problem.
bool valid_project_sort(std::string_view sort);
ProjectPage list_projects(Connection& c, const domain::Scope& scope, const ProjectQuery& q);

// One project with its contracts (no scope: the caller has checked it).
std::optional<ProjectRow> list_projects_by_id(Connection& c, std::int64_t project_id);

// Counts of the registry, for the health endpoint and the demo summary.
struct RegistryCounts {
  std::int64_t authorities = 0, enterprises = 0, persons = 0, projects = 0, contracts = 0;
};
RegistryCounts registry_counts(Connection& c);

// "%text%" with LIKE's wildcards escaped (ESCAPE '\').
std::string like_contains(std::string_view text);
// The characters (UTF-8 code points) of a search text.
std::size_t search_characters(std::string_view text);
// The FTS5 query that finds `text` anywhere in a project's 报监编号 or name through the trigram index
// project_search (SQLite, V021): a quoted phrase. nullopt when the index cannot serve it: on
// PostgreSQL, or text under three characters (a trigram index needs three); use LIKE then.
std::optional<std::string> project_search_phrase(Dialect d, std::string_view text);

// Every authority (code, name, district), by code: 用户管理's choice of an authority account's authority.
struct AuthorityRow {
  std::string code, name, district;
};
std::vector<AuthorityRow> list_authorities(Connection& c);

}  // namespace qsm::store
