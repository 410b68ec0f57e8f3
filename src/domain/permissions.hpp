// The one permission table: which roles may perform which action (SPEC §1's role × workflow table).
#pragma once
#include <array>
#include <cstdint>

#include "domain/actor.hpp"

namespace qsm::domain {

enum class Permission {
  open,            // no session needed (login, health, openapi)
  session,         // any session, even a site user who has not chosen a contract yet
  registry_view,   // 工程信息 within scope
  template_view,
  registry_admin,  // registry import, template load
  password_change,
  declaration_view,   // list, detail, 综合信息, print, export — within scope
  declaration_write,  // edit, delete and the workflow actions; the state machine decides who may do which
  declaration_create,
  monthly_view,    // lists, detail, history, print, export — within scope (drafts only to the contractor's side)
  monthly_write,   // sheets and submissions; the state machine decides who may do which
  monthly_create,  // 新增评价
  quarterly_view,      // lists, detail, export — within scope
  quarterly_register,  // 季度评价监督信息登记
  completion_view,     // lists, detail, print, export, the applicability check — within scope
  completion_write,    // review, resubmit, register; the state machine decides who may do which
  completion_apply,    // 竣工评价申请
  request_view,        // 中止/恢复 and 终止: lists, detail, export — within scope (not the general contractor's site user)
  request_write,       // review, register, withdraw; the state machine decides who may do which
  request_create,      // 中止、恢复、终止 申请
  spot_check,          // 抽查比对 and its analytics: the authority's own records
  rectification_view,   // 整改指令单: lists, detail, photos, print, export — within scope
  rectification_write,  // reply, confirm, recheck and photos; the state machine decides who may do which
  rectification_issue,  // 下发整改指令单
  // Account security (issue 21). While a password login's setup is unfinished (second factor,
  // password change, enrolment) only `session` and the permission of that step are allowed.
  second_factor_verify,  // the code of the login's second factor
  second_factor_manage,  // enrol one's own second factor
  account_list,          // 账号管理: the accounts and their security state
  account_security,      // 安全管理员: unlock, reset a second factor, end sessions
  account_password,      // 系统管理员: reset an account's password
  log_view,              // 审计管理员: the login log and the audit log (each read audited)
  security_policy_view,  // the security policy in force
  user_manage,           // 用户管理 (issue 27): the system administrator creates, edits, disables, unlocks accounts
  session_manage,        // 在线用户 with 强退: the system and the security administrator
  settings_manage,       // 参数设置: the system administrator
  notice_view,           // 通知公告: the notices addressed to oneself
  notice_manage,         // 通知公告: publish, edit, withdraw (the authority its district's, the administrator any)
  clerk_manage,          // 企业办事员: the enterprise's certificate holder manages its clerks (a clerk never: domain/clerk.hpp)
  platform,              // a workflow step the platform takes itself (a month registered with its quarter): no route, no role
};

constexpr std::uint32_t bit(Role r) { return 1u << static_cast<unsigned>(r); }
// The roles of the platform's work (SPEC §1); the security administrator and the auditor do none of it.
constexpr std::uint32_t kAllRoles = bit(Role::contractor) | bit(Role::supervisor) | bit(Role::site_contractor) |
                                    bit(Role::site_supervisor) | bit(Role::authority) | bit(Role::admin);
constexpr std::uint32_t kAdministrators = bit(Role::admin) | bit(Role::security_admin) | bit(Role::auditor);
constexpr std::uint32_t kEveryone = kAllRoles | kAdministrators;
// Password accounts: the authority's and the administrators'.
constexpr std::uint32_t kAccounts = bit(Role::authority) | kAdministrators;

struct PermissionGrant {
  Permission permission;
  std::uint32_t roles;
};

inline constexpr std::array kPermissionTable{
    PermissionGrant{Permission::open, kEveryone},
    PermissionGrant{Permission::session, kEveryone},
    PermissionGrant{Permission::registry_view, kAllRoles},
    PermissionGrant{Permission::template_view, kAllRoles},
    PermissionGrant{Permission::registry_admin, bit(Role::admin)},
    PermissionGrant{Permission::password_change, kAccounts},
    PermissionGrant{Permission::declaration_view, kAllRoles},
    PermissionGrant{Permission::declaration_write, bit(Role::contractor) | bit(Role::supervisor) | bit(Role::authority)},
    PermissionGrant{Permission::declaration_create, bit(Role::contractor)},
    PermissionGrant{Permission::monthly_view, kAllRoles},
    PermissionGrant{Permission::monthly_write, bit(Role::contractor) | bit(Role::site_supervisor)},
    PermissionGrant{Permission::monthly_create, bit(Role::contractor)},
    PermissionGrant{Permission::quarterly_view, kAllRoles},
    PermissionGrant{Permission::quarterly_register, bit(Role::authority)},
    PermissionGrant{Permission::completion_view, kAllRoles},
    PermissionGrant{Permission::completion_write, bit(Role::contractor) | bit(Role::site_supervisor) | bit(Role::authority)},
    PermissionGrant{Permission::completion_apply, bit(Role::contractor)},
    PermissionGrant{Permission::request_view, kAllRoles & ~bit(Role::site_contractor)},
    PermissionGrant{Permission::request_write, bit(Role::contractor) | bit(Role::site_supervisor) | bit(Role::authority)},
    PermissionGrant{Permission::request_create, bit(Role::contractor)},
    PermissionGrant{Permission::spot_check, bit(Role::authority)},
    PermissionGrant{Permission::rectification_view, kAllRoles},
    PermissionGrant{Permission::rectification_write,
                    bit(Role::contractor) | bit(Role::site_contractor) | bit(Role::site_supervisor) | bit(Role::authority)},
    PermissionGrant{Permission::rectification_issue, bit(Role::authority)},
    PermissionGrant{Permission::second_factor_verify, kAccounts},
    PermissionGrant{Permission::second_factor_manage, kAccounts},
    PermissionGrant{Permission::account_list, bit(Role::admin) | bit(Role::security_admin)},
    PermissionGrant{Permission::account_security, bit(Role::security_admin)},
    PermissionGrant{Permission::account_password, bit(Role::admin)},
    PermissionGrant{Permission::log_view, bit(Role::auditor)},
    PermissionGrant{Permission::security_policy_view, kAdministrators},
    PermissionGrant{Permission::user_manage, bit(Role::admin)},
    PermissionGrant{Permission::session_manage, bit(Role::admin) | bit(Role::security_admin)},
    PermissionGrant{Permission::settings_manage, bit(Role::admin)},
    PermissionGrant{Permission::notice_view, kEveryone},
    PermissionGrant{Permission::notice_manage, bit(Role::authority) | bit(Role::admin)},
    PermissionGrant{Permission::clerk_manage, bit(Role::contractor) | bit(Role::supervisor)},
    PermissionGrant{Permission::platform, 0},
};

constexpr bool permission_table_complete() {
  for (std::size_t i = 0; i < kPermissionTable.size(); ++i)
    if (static_cast<std::size_t>(kPermissionTable[i].permission) != i) return false;
  return true;
}
static_assert(permission_table_complete(), "permission table out of enum order");

constexpr bool allowed(Role r, Permission p) { return (kPermissionTable[static_cast<std::size_t>(p)].roles & bit(r)) != 0; }

}  // namespace qsm::domain
