// Who is acting: the role, the organisation and the data scope that follows from them (SPEC §1).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qsm::domain {

// admin, security_admin and auditor are the three administrator duties (三权分立, issue 21).
enum class Role { contractor, supervisor, site_contractor, site_supervisor, authority, admin, security_admin, auditor };

std::string_view to_string(Role r);
std::string_view label(Role r);  // 施工企业用户 …
std::optional<Role> role_from(std::string_view s);
// Every role, in enum order.
std::vector<Role> all_roles();

struct Actor {
  Role role = Role::admin;
  std::string name;          // display name: account name, enterprise name or person name
  std::string organisation;  // enterprise or authority name, for the audit trail
  std::string ref;           // stable reference for the audit trail: "account:3", "enterprise:9131…", "person:12"
  std::int64_t account_id = 0, authority_id = 0, enterprise_id = 0, person_id = 0, contract_id = 0, project_id = 0;
  // 企业办事员 (issue 27): the enterprise's role, narrowed to the clerk's projects and actions.
  std::int64_t clerk_id = 0;
  std::uint32_t clerk_actions = 0;  // ClerkAction bits (domain/clerk.hpp)
  std::string ip;
};

// The rows an actor may see (SPEC §1 "sees"). Exactly one field is non-zero, or `all`.
struct Scope {
  bool all = false;
  std::int64_t authority_id = 0;   // projects registered under this authority
  std::int64_t enterprise_id = 0;  // projects where this enterprise holds a contract of enterprise_kind
  bool enterprise_is_general = true;
  std::int64_t project_id = 0;     // the one project of a site user's contract
  std::int64_t clerk_id = 0;       // with enterprise_id: only the projects given to this clerk
  // The contractor's side (enterprise and 项目部) also sees its unfinished work: drafts of
  // evaluations and requests that the other roles see only once submitted.
  bool sees_drafts = false;

  static Scope of(const Actor& a);
};

}  // namespace qsm::domain
