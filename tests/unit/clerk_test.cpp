// 企业办事员 (issue 27): a clerk's form, its actions and the routes it may call, table by table.
#include <gtest/gtest.h>

#include "domain/clerk.hpp"

using namespace qsm::domain;

namespace {
std::vector<std::string> fields_of(const ClerkInput& in, Role role) {
  Problems p;
  check_clerk(in, role, p);
  std::vector<std::string> out;
  for (const auto& i : p.items()) out.push_back(i.path);
  return out;
}
}  // namespace

TEST(Clerk, ChecksEveryField) {
  using V = std::vector<std::string>;
  const ClerkInput ok{"王某", "13800001234", {3, 5}, {"declare", "monthly"}};
  EXPECT_EQ(fields_of(ok, Role::contractor), V{});
  const struct {
    ClerkInput in;
    Role role;
    V fields;
  } cases[] = {
      {{" ", "13800001234", {3}, {"declare"}}, Role::contractor, {"name"}},
      {{"王\n某", "13800001234", {3}, {"declare"}}, Role::contractor, {"name"}},
      {{"王某", "1380000123", {3}, {"declare"}}, Role::contractor, {"mobile"}},
      {{"王某", "23800001234", {3}, {"declare"}}, Role::contractor, {"mobile"}},
      {{"王某", "13800001234", {}, {"declare"}}, Role::contractor, {"project_ids"}},
      {{"王某", "13800001234", {3, 3}, {"declare"}}, Role::contractor, {"project_ids"}},
      {{"王某", "13800001234", {3}, {}}, Role::contractor, {"actions"}},
      {{"王某", "13800001234", {3}, {"fly"}}, Role::contractor, {"actions"}},
      // A construction enterprise cannot hand out 申报复核, nor a supervision enterprise 申报.
      {{"王某", "13800001234", {3}, {"review"}}, Role::contractor, {"actions"}},
      {{"王某", "13800001234", {3}, {"declare"}}, Role::supervisor, {"actions"}},
      {{"王某", "13800001234", {3}, {"review"}}, Role::supervisor, {}},
      {{"", "", {}, {}}, Role::contractor, {"name", "mobile", "project_ids", "actions"}},
  };
  for (const auto& c : cases) EXPECT_EQ(fields_of(c.in, c.role), c.fields) << c.in.name << " " << c.in.mobile;
  ClerkInput many = ok;
  many.project_ids.clear();
  for (std::int64_t i = 1; i <= static_cast<std::int64_t>(kClerkProjectsMax) + 1; ++i) many.project_ids.push_back(i);
  EXPECT_EQ(fields_of(many, Role::contractor), V{"project_ids"});
}

TEST(Clerk, ActionsAsTextAndBack) {
  EXPECT_EQ(clerk_actions_text(clerk_bit(ClerkAction::rectify) | clerk_bit(ClerkAction::declare)), "declare,rectify");
  EXPECT_EQ(clerk_actions_from_text("rectify,declare,unknown"), clerk_bit(ClerkAction::rectify) | clerk_bit(ClerkAction::declare));
  EXPECT_EQ(clerk_actions_from_text(""), 0u);
  EXPECT_EQ(clerk_actions_of(std::vector<std::string>{"monthly", "apply"}), clerk_bit(ClerkAction::monthly) | clerk_bit(ClerkAction::apply));
  EXPECT_EQ(clerk_actions_of(Role::supervisor), std::vector<ClerkAction>{ClerkAction::review});
  EXPECT_EQ(clerk_actions_of(Role::contractor).size(), 4u);
  EXPECT_TRUE(clerk_actions_of(Role::authority).empty());
  EXPECT_EQ(clerk_display_name("王某"), "办事员 王某");
}

TEST(Clerk, MayCallReadsAndTheWritesOfItsActions) {
  const auto declare = clerk_bit(ClerkAction::declare), monthly = clerk_bit(ClerkAction::monthly), apply = clerk_bit(ClerkAction::apply),
             rectify = clerk_bit(ClerkAction::rectify), review = clerk_bit(ClerkAction::review);
  const struct {
    Role role;
    ClerkActions actions;
    Permission p;
    bool may;
  } cases[] = {
      // Reads within the scope: every clerk.
      {Role::contractor, 0, Permission::declaration_view, true},
      {Role::contractor, 0, Permission::monthly_view, true},
      {Role::contractor, 0, Permission::rectification_view, true},
      {Role::contractor, 0, Permission::notice_view, true},
      {Role::supervisor, 0, Permission::request_view, true},
      // Writes: with the action only.
      {Role::contractor, 0, Permission::declaration_create, false},
      {Role::contractor, declare, Permission::declaration_create, true},
      {Role::contractor, declare, Permission::declaration_write, true},
      {Role::contractor, monthly, Permission::declaration_write, false},
      {Role::contractor, monthly, Permission::monthly_create, true},
      {Role::contractor, monthly, Permission::monthly_write, true},
      {Role::contractor, declare, Permission::monthly_write, false},
      {Role::contractor, apply, Permission::completion_apply, true},
      {Role::contractor, apply, Permission::request_create, true},
      {Role::contractor, apply, Permission::request_write, true},
      {Role::contractor, apply, Permission::completion_write, true},
      {Role::contractor, rectify, Permission::completion_apply, false},
      {Role::contractor, rectify, Permission::rectification_write, true},
      {Role::contractor, declare | monthly | apply, Permission::rectification_write, false},
      {Role::supervisor, review, Permission::declaration_write, true},
      {Role::supervisor, 0, Permission::declaration_write, false},
      // What the enterprise's role itself may not do, a clerk may not either.
      {Role::supervisor, review, Permission::declaration_create, false},
      {Role::contractor, rectify, Permission::rectification_issue, false},
      {Role::contractor, declare | monthly | apply | rectify, Permission::spot_check, false},
      // Managing clerks: the certificate holder's alone, whatever the clerk holds.
      {Role::contractor, declare | monthly | apply | rectify | review, Permission::clerk_manage, false},
      {Role::supervisor, review, Permission::clerk_manage, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(clerk_may(c.role, c.actions, c.p), c.may) << to_string(c.role) << " " << c.actions << " " << static_cast<int>(c.p);
}

TEST(Clerk, ScopeIsTheEnterprisesNarrowedToTheClerk) {
  Actor a;
  a.role = Role::contractor;
  a.enterprise_id = 9;
  a.clerk_id = 4;
  auto s = Scope::of(a);
  EXPECT_EQ(s.enterprise_id, 9);
  EXPECT_EQ(s.clerk_id, 4);
  EXPECT_TRUE(s.sees_drafts);
  a.role = Role::supervisor;
  s = Scope::of(a);
  EXPECT_EQ(s.clerk_id, 4);
  EXPECT_FALSE(s.enterprise_is_general);
  a.clerk_id = 0;
  EXPECT_EQ(Scope::of(a).clerk_id, 0);
}
