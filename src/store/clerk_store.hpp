// 企业办事员 (issue 27): an enterprise's clerks, their projects, and the clerk behind a login.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct ClerkProject {
  std::int64_t id = 0;
  std::string registration_no, name;
};
struct ClerkRow {
  std::int64_t id = 0, enterprise_id = 0, person_id = 0, created_at = 0, updated_at = 0, version = 0;
  std::string name, mobile, actions;  // actions: codes, comma-separated
  bool disabled = false;
  std::vector<ClerkProject> projects;
};

// The enterprise's clerks, newest first, each with its projects.
std::vector<ClerkRow> clerks_of(Connection& c, std::int64_t enterprise_id);
std::optional<ClerkRow> find_clerk(Connection& c, std::int64_t enterprise_id, std::int64_t clerk_id);
// The registry person of the enterprise with this name and mobile (the lowest id when several).
std::optional<std::int64_t> enterprise_person(Connection& c, std::int64_t enterprise_id, std::string_view name, std::string_view mobile);
// Whether the person is a clerk already (of any enterprise).
bool is_clerk(Connection& c, std::int64_t person_id);
// Of `project_ids`, those where the enterprise holds no contract of `kind` (general, supervision).
std::vector<std::int64_t> foreign_projects(Connection& c, std::int64_t enterprise_id, std::string_view kind,
                                           const std::vector<std::int64_t>& project_ids);
std::int64_t insert_clerk(Connection& c, std::int64_t enterprise_id, std::int64_t person_id, const std::string& actions, std::int64_t now_ms);
void set_clerk_projects(Connection& c, std::int64_t clerk_id, const std::vector<std::int64_t>& project_ids);
// False when its version is not `version` (someone changed it meanwhile).
bool update_clerk(Connection& c, std::int64_t clerk_id, std::int64_t version, const std::string& actions, bool disabled, std::int64_t now_ms);
// Ends the clerk's live sessions; returns how many.
std::int64_t revoke_clerk_sessions(Connection& c, std::int64_t clerk_id);
bool clerk_has_project(Connection& c, std::int64_t clerk_id, std::int64_t project_id);

// The clerk a person logs in as: enabled, and the person still of the clerk's enterprise in the registry
// (a person the registry moved to another enterprise no longer acts for the first).
struct ClerkLogin {
  std::int64_t id = 0, enterprise_id = 0;
  std::string enterprise_kind;
};
std::optional<ClerkLogin> enabled_clerk_of_person(Connection& c, std::int64_t person_id);

}  // namespace qsm::store
