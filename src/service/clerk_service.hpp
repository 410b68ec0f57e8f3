// 企业办事员 (issue 27): the certificate holder of an enterprise creates its clerks (registry persons of
// the enterprise), gives each some of its projects and actions, changes them, and disables a clerk at
// once. A clerk logs in by SMS (site_login.hpp) and acts as the enterprise within what it was given.
#pragma once
#include <optional>
#include <vector>

#include "domain/clerk.hpp"
#include "service/app.hpp"
#include "store/clerk_store.hpp"

namespace qsm::service {

std::vector<store::ClerkRow> list_clerks(app::App& app, const domain::Actor& holder);
// 422 with every problem under its field: the form's (domain::check_clerk), a name and mobile that are
// no person of the enterprise in the registry, a person who is a clerk already, projects where the
// enterprise holds no contract of its kind. Audited.
store::ClerkRow create_clerk(app::App& app, const domain::Actor& holder, const domain::ClerkInput& in);

struct ClerkChange {
  std::int64_t version = 0;  // the clerk as the caller saw it (409 when it changed meanwhile)
  std::optional<std::vector<std::int64_t>> project_ids;
  std::optional<std::vector<std::string>> actions;
  std::optional<bool> disabled;
};
// Changes a clerk's projects, actions or state (404 for another enterprise's). Disabling ends its
// sessions: the answer comes once no server process can still take one. Audited with what changed.
store::ClerkRow change_clerk(app::App& app, const domain::Actor& holder, std::int64_t clerk_id, const ClerkChange& change);

}  // namespace qsm::service
