// 企业办事员: actions, checks and the routes a clerk may call.
#include "domain/clerk.hpp"

#include <algorithm>
#include <set>

#include "domain/checksum.hpp"
#include "domain/named.hpp"
#include "domain/notice.hpp"
#include "util/json.hpp"

namespace qsm::domain {
namespace {

constexpr std::array kClerkActions{
    Named<ClerkAction>{ClerkAction::declare, "declare", "申报"},
    Named<ClerkAction>{ClerkAction::monthly, "monthly", "月度评价"},
    Named<ClerkAction>{ClerkAction::apply, "apply", "竣工/中止/终止申请"},
    Named<ClerkAction>{ClerkAction::rectify, "rectify", "整改回复"},
    Named<ClerkAction>{ClerkAction::review, "review", "申报复核"},
};
static_assert(in_enum_order(kClerkActions));

constexpr std::size_t kNameMax = 30;

}  // namespace

std::optional<ClerkAction> clerk_action_needed(Role role, Permission p) {
  switch (p) {
    case Permission::declaration_write:
    case Permission::declaration_create: return role == Role::supervisor ? ClerkAction::review : ClerkAction::declare;
    case Permission::monthly_write:
    case Permission::monthly_create: return ClerkAction::monthly;
    case Permission::completion_write:
    case Permission::completion_apply:
    case Permission::request_write:
    case Permission::request_create: return ClerkAction::apply;
    case Permission::rectification_write: return ClerkAction::rectify;
    default: return std::nullopt;
  }
}

bool clerk_reads(Permission p) {
  switch (p) {
    case Permission::open:
    case Permission::session:
    case Permission::registry_view:
    case Permission::template_view:
    case Permission::declaration_view:
    case Permission::monthly_view:
    case Permission::quarterly_view:
    case Permission::completion_view:
    case Permission::request_view:
    case Permission::rectification_view:
    case Permission::notice_view: return true;
    default: return false;
  }
}

std::string_view to_string(ClerkAction a) { return named(kClerkActions, a).code; }
std::string_view label(ClerkAction a) { return named(kClerkActions, a).label; }
std::optional<ClerkAction> clerk_action_from(std::string_view code) { return from_code(kClerkActions, code); }

std::vector<ClerkAction> clerk_actions_of(Role enterprise_role) {
  if (enterprise_role == Role::supervisor) return {ClerkAction::review};
  if (enterprise_role == Role::contractor) return {ClerkAction::declare, ClerkAction::monthly, ClerkAction::apply, ClerkAction::rectify};
  return {};
}

std::string clerk_actions_text(ClerkActions actions) {
  std::string out;
  for (const auto& a : kClerkActions)
    if (actions & clerk_bit(a.value)) out += (out.empty() ? "" : ",") + std::string(a.code);
  return out;
}

ClerkActions clerk_actions_of(const std::vector<std::string>& codes) {
  ClerkActions out = 0;
  for (const auto& code : codes)
    if (auto a = clerk_action_from(code)) out |= clerk_bit(*a);
  return out;
}

ClerkActions clerk_actions_from_text(std::string_view text) { return clerk_actions_of(split_list(std::string(text))); }

bool clerk_may(Role role, ClerkActions actions, Permission p) {
  if (!allowed(role, p)) return false;
  if (clerk_reads(p)) return true;
  auto needed = clerk_action_needed(role, p);
  return needed && (actions & clerk_bit(*needed)) != 0;
}

void check_clerk(const ClerkInput& in, Role enterprise_role, Problems& problems) {
  if (in.name.find_first_not_of(" \t") == std::string::npos) problems.add("name", "请填写办事员姓名");
  else if (json::utf8_length(in.name) > kNameMax || in.name.find_first_of("\r\n") != std::string::npos)
    problems.add("name", "姓名不能超过 " + std::to_string(kNameMax) + " 个字符，不能换行");
  if (!valid_mobile(in.mobile)) problems.add("mobile", "手机号应为 1 开头的 11 位数字");
  if (in.project_ids.empty()) problems.add("project_ids", "请至少选择一个工程");
  else if (in.project_ids.size() > kClerkProjectsMax) problems.add("project_ids", "一名办事员最多负责 " + std::to_string(kClerkProjectsMax) + " 个工程");
  else if (std::set(in.project_ids.begin(), in.project_ids.end()).size() != in.project_ids.size())
    problems.add("project_ids", "工程有重复");
  const auto offered = clerk_actions_of(enterprise_role);
  if (in.actions.empty()) problems.add("actions", "请至少选择一项可办理的业务");
  for (const auto& code : in.actions) {
    auto a = clerk_action_from(code);
    if (!a || std::find(offered.begin(), offered.end(), *a) == offered.end()) {
      std::string names;
      for (auto o : offered) names += (names.empty() ? "" : "、") + std::string(label(o)) + "（" + std::string(to_string(o)) + "）";
      problems.add("actions", "本企业的办事员可办理的业务为 " + names + "，没有 " + code);
      break;
    }
  }
}

std::string clerk_display_name(std::string_view person_name) { return "办事员 " + std::string(person_name); }

}  // namespace qsm::domain
