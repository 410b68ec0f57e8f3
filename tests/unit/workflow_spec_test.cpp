// The generic machine over every workflow spec (issue 22): every state × action × role is allowed
// exactly when the spec has the step, else refused 409 (the role takes the action in another state)
// or 403 (never); the route's actors and permission agree with the steps; the inbox's todos, the
// audit trail's labels and the dictionary's entries cover every code. The per-workflow tests (SPEC's
// rules written out again) stay beside this as independent checks.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/permissions.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/specs.hpp"

namespace qsm::domain::workflow {
namespace {

const std::array kEveryRole{Role::contractor, Role::supervisor,     Role::site_contractor, Role::site_supervisor,
                            Role::authority,  Role::admin,          Role::security_admin,  Role::auditor};

std::string where(const Machine& m, std::size_t s, std::size_t a, Role r) {
  return std::string(m.entity) + " " + std::string(m.states[s].code) + " " + std::string(m.actions[a].code) + " " + std::string(to_string(r));
}

TEST(WorkflowSpecs, EveryStateActionAndRoleIsAllowedOrRefusedAsTheStepsSay) {
  int machines = 0, combinations = 0, allowed = 0;
  for (const auto* m : all_machines()) {
    ++machines;
    EXPECT_TRUE(well_formed(*m)) << m->entity;
    for (std::size_t s = 0; s < m->states.size(); ++s)
      for (std::size_t a = 0; a < m->actions.size(); ++a)
        for (Role r : kEveryRole) {
          ++combinations;
          bool ever = false;
          const Step* want = nullptr;
          for (const auto& t : m->steps) {
            if (t.action != a || !t.who.is(r)) continue;
            ever = true;
            if (t.from == s && t.branch == Branch::usual) want = &t;
          }
          Refusal why;
          const Step* got = find_step(*m, s, a, r, Branch::usual, why);
          EXPECT_EQ(got, want) << where(*m, s, a, r);
          if (got) {
            ++allowed;
            EXPECT_EQ(why, Refusal::none);
            continue;
          }
          EXPECT_EQ(why, ever ? Refusal::wrong_state : Refusal::role_never) << where(*m, s, a, r);
          try {
            refuse(why, m->name, m->states[s].code, m->states[s].label, m->actions[a].code, m->actions[a].label);
          } catch (const Failure& f) {
            EXPECT_EQ(f.error(), ever ? Error::invalid_transition : Error::forbidden) << where(*m, s, a, r);
          }
        }
  }
  EXPECT_EQ(machines, 11);
  EXPECT_GT(allowed, 20);
  EXPECT_GT(combinations, 600);
}

TEST(WorkflowSpecs, AStepThePlatformTakesIsNoRolesAndNoRoute) {
  for (const auto* m : all_machines())
    for (const auto& t : m->steps) {
      const auto& action = m->actions[t.action];
      if (t.who.is_system()) {
        EXPECT_EQ(action.permission, Permission::platform) << m->entity << " " << action.code;
        for (Role r : kEveryRole) EXPECT_FALSE(allowed(r, action.permission));
      } else {
        // Every actor of a step may call its route: the action's permission grants the role.
        EXPECT_TRUE(allowed(t.who.role(), action.permission)) << m->entity << " " << action.code << " " << to_string(t.who.role());
        EXPECT_NE(m->actors(t.action) & bit(t.who.role()), 0u);
      }
    }
}

// A termination shares the request machine's states and actions but is never withdrawn.
bool unused(const Machine& m, std::string_view code) { return m.entity == "termination" && (code == "withdrawn" || code == "withdraw"); }

TEST(WorkflowSpecs, EveryStateButTheFirstIsReachedAndEveryActionHasAStep) {
  for (const auto* m : all_machines()) {
    std::set<std::size_t> reached{0};
    for (const auto& t : m->steps) reached.insert(t.to);
    for (std::size_t s = 0; s < m->states.size(); ++s)
      EXPECT_EQ(reached.count(s) == 1, !unused(*m, m->states[s].code)) << m->entity << " " << m->states[s].code;
    for (std::size_t a = 0; a < m->actions.size(); ++a) {
      bool has = false;
      for (const auto& t : m->steps) has = has || t.action == a;
      EXPECT_EQ(has, !unused(*m, m->actions[a].code)) << m->entity << " " << m->actions[a].code;
    }
  }
}

TEST(WorkflowSpecs, TheInboxHasAWordingForExactlyWhatAwaitsARole) {
  int todos = 0;
  for (const auto* m : all_machines())
    for (Role r : kEveryRole) {
      const auto waiting = m->awaiting(r);
      for (std::size_t s = 0; s < m->states.size(); ++s) {
        const bool awaits = std::find(waiting.begin(), waiting.end(), s) != waiting.end();
        const auto* todo = m->todo(m->states[s].code, r);
        EXPECT_EQ(todo != nullptr, awaits) << m->entity << " " << m->states[s].code << " " << to_string(r);
        if (todo) {
          ++todos;
          EXPECT_FALSE(todo->action.empty());
          EXPECT_FALSE(todo->label.empty());
        }
      }
    }
  EXPECT_EQ(todos, 4 + 3 + 1 + 3 + 2 * 4 + 4);  // declaration, month, quarter, completion, the four request specs, rectification
  // A withdrawal is at will: nothing awaits the contractor on a pending suspension.
  EXPECT_TRUE(machine_of("suspension")->awaiting(Role::contractor).empty());
  EXPECT_EQ(machine_of("declaration")->awaiting_codes(Role::contractor), (std::vector<std::string>{"draft", "returned"}));
  EXPECT_EQ(machine_of("monthly_evaluation")->awaiting_codes(Role::site_supervisor), (std::vector<std::string>{"submitted", "reviewed"}));
}

TEST(WorkflowSpecs, EveryCodeHasItsLabelAndTag) {
  std::set<std::string_view> entities;
  for (const auto* m : all_machines()) {
    EXPECT_TRUE(entities.insert(m->entity).second) << m->entity;
    EXPECT_EQ(machine_of(m->entity), m);
    EXPECT_FALSE(m->name.empty());
    for (const auto& s : m->states) {
      EXPECT_FALSE(s.label.empty()) << s.code;
      EXPECT_EQ(m->state_label(s.code), s.label);
      EXPECT_FALSE(to_string(s.tag).empty());
    }
    for (const auto& a : m->actions) EXPECT_EQ(m->action_label(a.code), a.label);
    for (const auto& e : m->events) EXPECT_EQ(m->action_label(e.code), e.label);
    EXPECT_EQ(m->state_label("no_such_state"), "no_such_state");
  }
  EXPECT_EQ(machine_of("no_such_entity"), nullptr);
}

TEST(WorkflowSpecs, TheTwoEndsOfAnAction) {
  namespace dc = completion;
  EXPECT_EQ(dc::kSpec.to(dc::decide(dc::State::pending_review, dc::Action::review_submit, Role::site_supervisor)), dc::State::pending_registration);
  EXPECT_EQ(dc::kSpec.to(dc::decide(dc::State::pending_review, dc::Action::review_submit, Role::site_supervisor, Branch::other)), dc::State::rejected);
  // An action with one end has no other.
  EXPECT_THROW(dc::decide(dc::State::rejected, dc::Action::resubmit, Role::contractor, Branch::other), Failure);
}

}  // namespace
}  // namespace qsm::domain::workflow
