// 企业办事员 (issue 27): a person of an enterprise whom its certificate holder lets act for it on some
// projects and in some actions. Pure: the actions, their checks, and which routes a clerk may call.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/clerk.hpp"
#include "domain/permissions.hpp"
#include "domain/problems.hpp"

namespace qsm::domain {

// What a clerk may do besides reading: a construction enterprise's clerk 申报, 月度评价, the
// 竣工/中止/终止 applications and 整改回复; a supervision enterprise's clerk 申报复核.
enum class ClerkAction { declare, monthly, apply, rectify, review };
std::string_view to_string(ClerkAction a);
std::string_view label(ClerkAction a);
std::optional<ClerkAction> clerk_action_from(std::string_view code);
// The actions an enterprise of this role (contractor or supervisor) can hand out, in order.
std::vector<ClerkAction> clerk_actions_of(Role enterprise_role);

using ClerkActions = std::uint32_t;  // a set of ClerkAction bits
constexpr ClerkActions clerk_bit(ClerkAction a) { return 1u << static_cast<unsigned>(a); }
// "declare,monthly" ↔ bits; unknown codes are dropped when reading stored text.
std::string clerk_actions_text(ClerkActions actions);
ClerkActions clerk_actions_from_text(std::string_view text);

// Whether a clerk of an enterprise of `role` holding `actions` may call a route of permission `p`
// (the role's own permission table is checked as well): every read of the enterprise's scope, and a
// write only with its action. Managing clerks is the certificate holder's alone.
bool clerk_may(Role role, ClerkActions actions, Permission p);
// The parts of that rule: the permissions every clerk has (reads within the scope), and the action a
// write permission needs from a clerk of an enterprise of `role` (nullopt: no clerk has it).
bool clerk_reads(Permission p);
std::optional<ClerkAction> clerk_action_needed(Role role, Permission p);

inline constexpr std::size_t kClerkProjectsMax = 500;
struct ClerkInput {
  std::string name, mobile;
  std::vector<std::int64_t> project_ids;
  std::vector<std::string> actions;  // codes
};
// Every problem of a clerk's form under its field: a name, an 11-digit mobile, at least one project
// (none repeated, at most kClerkProjectsMax), at least one action, each one the enterprise can hand out.
// Whether the mobile is a registry person of the enterprise and the projects its own is the store's.
void check_clerk(const ClerkInput& in, Role enterprise_role, Problems& problems);
ClerkActions clerk_actions_of(const std::vector<std::string>& codes);

// Whether the actor's own role may take the workflow actions of write permission `p` as far as the
// clerk's actions go (a record's `actions` list leaves out what a clerk was not given).
inline bool acts_in(const Actor& a, Permission p) { return a.clerk_id == 0 || clerk_may(a.role, a.clerk_actions, p); }

// How the audit trail and the lists name a clerk: "办事员 王某".
std::string clerk_display_name(std::string_view person_name);

}  // namespace qsm::domain
