// Role names and the scope each role sees.
#include "domain/actor.hpp"

#include "domain/named.hpp"

namespace qsm::domain {
namespace {

constexpr std::array kRoles{
    Named<Role>{Role::contractor, "contractor", "施工企业用户"},
    Named<Role>{Role::supervisor, "supervisor", "监理企业用户"},
    Named<Role>{Role::site_contractor, "site_contractor", "现场用户（项目部）"},
    Named<Role>{Role::site_supervisor, "site_supervisor", "现场用户（监理机构）"},
    Named<Role>{Role::authority, "authority", "监督机构用户"},
    Named<Role>{Role::admin, "admin", "系统管理员"},
    Named<Role>{Role::security_admin, "security_admin", "安全管理员"},
    Named<Role>{Role::auditor, "auditor", "审计管理员"},
};
static_assert(in_enum_order(kRoles));

}  // namespace

std::string_view to_string(Role r) { return named(kRoles, r).code; }
std::string_view label(Role r) { return named(kRoles, r).label; }

std::optional<Role> role_from(std::string_view s) { return from_code(kRoles, s); }

std::vector<Role> all_roles() {
  std::vector<Role> out;
  for (const auto& r : kRoles) out.push_back(r.value);
  return out;
}

Scope Scope::of(const Actor& a) {
  Scope s;
  switch (a.role) {
    case Role::admin: s.all = true; break;
    case Role::authority: s.authority_id = a.authority_id; break;
    case Role::contractor: s.enterprise_id = a.enterprise_id; s.enterprise_is_general = true; s.clerk_id = a.clerk_id; break;
    case Role::supervisor: s.enterprise_id = a.enterprise_id; s.enterprise_is_general = false; s.clerk_id = a.clerk_id; break;
    case Role::site_contractor:
    case Role::site_supervisor: s.project_id = a.project_id; break;
    case Role::security_admin:
    case Role::auditor: break;  // no project: their duties are accounts and logs
  }
  s.sees_drafts = a.role == Role::contractor || a.role == Role::site_contractor || a.role == Role::admin;
  // A scope with nothing in it must see nothing, never everything.
  if (!s.all && s.authority_id == 0 && s.enterprise_id == 0 && s.project_id == 0) s.project_id = -1;
  return s;
}

}  // namespace qsm::domain
