// The declaration state machine: every allowed transition, and every refused (state, action, role).
#include <gtest/gtest.h>

#include "domain/workflow/declaration.hpp"

namespace qsm::domain::declaration {

constexpr std::array kAllStates{State::draft, State::submitted, State::returned, State::reviewed, State::accepted};
constexpr std::array kAllActions{Action::edit, Action::remove, Action::submit, Action::return_, Action::pass, Action::accept, Action::reject};
constexpr std::array kAllRoles{Role::contractor, Role::supervisor, Role::site_contractor, Role::site_supervisor, Role::authority, Role::admin};

struct Allowed {
  State from;
  Action action;
  Role role;
  State to;
  bool opinion;
};

// SPEC §3.1, written out again independently of the implementation's table.
constexpr Allowed kRules[] = {
    {State::draft, Action::edit, Role::contractor, State::draft, false},
    {State::draft, Action::remove, Role::contractor, State::draft, false},
    {State::draft, Action::submit, Role::contractor, State::submitted, false},
    {State::returned, Action::edit, Role::contractor, State::returned, false},
    {State::returned, Action::submit, Role::contractor, State::submitted, false},
    {State::submitted, Action::return_, Role::supervisor, State::returned, true},
    {State::submitted, Action::pass, Role::supervisor, State::reviewed, false},
    {State::reviewed, Action::accept, Role::authority, State::accepted, false},
    {State::reviewed, Action::reject, Role::authority, State::returned, true},
};

const Allowed* spec_for(State s, Action a, Role r) {
  for (const auto& t : kRules)
    if (t.from == s && t.action == a && t.role == r) return &t;
  return nullptr;
}

bool role_ever(Action a, Role r) {
  for (const auto& t : kRules)
    if (t.action == a && t.role == r) return true;
  return false;
}

TEST(DeclarationStateMachine, EveryCombinationIsAllowedOrRefusedAsSpecSays) {
  int allowed = 0, forbidden = 0, invalid = 0;
  for (State s : kAllStates)
    for (Action a : kAllActions)
      for (Role r : kAllRoles) {
        const Allowed* expected = spec_for(s, a, r);
        if (expected) {
          const workflow::Step& t = decide(s, a, r);
          EXPECT_EQ(kSpec.to(t), expected->to) << to_string(s) << " " << to_string(a);
          EXPECT_EQ(kSpec.action(a).opinion_required(), expected->opinion) << to_string(s) << " " << to_string(a);
          ++allowed;
          continue;
        }
        try {
          decide(s, a, r);
          ADD_FAILURE() << to_string(s) << " " << to_string(a) << " " << domain::to_string(r) << " should be refused";
        } catch (const Failure& f) {
          // A role that never performs the action: 403; the right role in the wrong state: 409.
          Error want = role_ever(a, r) ? Error::invalid_transition : Error::forbidden;
          EXPECT_EQ(f.error(), want) << to_string(s) << " " << to_string(a) << " " << domain::to_string(r);
          (want == Error::forbidden ? forbidden : invalid)++;
        }
      }
  EXPECT_EQ(allowed, 9);
  EXPECT_EQ(allowed + forbidden + invalid, 5 * 7 * 6);
}

TEST(DeclarationStateMachine, AcceptedIsFinal) {
  for (Role r : kAllRoles) EXPECT_TRUE(available(State::accepted, r).empty());
}

TEST(DeclarationStateMachine, AvailableActionsFollowTheTable) {
  EXPECT_EQ(available(State::draft, Role::contractor), (std::vector{Action::edit, Action::remove, Action::submit}));
  EXPECT_EQ(available(State::returned, Role::contractor), (std::vector{Action::edit, Action::submit}));
  EXPECT_EQ(available(State::submitted, Role::supervisor), (std::vector{Action::return_, Action::pass}));
  EXPECT_EQ(available(State::reviewed, Role::authority), (std::vector{Action::accept, Action::reject}));
  EXPECT_TRUE(available(State::submitted, Role::contractor).empty());
}

TEST(DeclarationStateMachine, LabelsAreTheManualsWords) {
  EXPECT_EQ(label(State::draft), "已申报待提交");
  EXPECT_EQ(label(State::submitted), "已提交待复核");
  EXPECT_EQ(label(State::returned), "已退回待提交");
  EXPECT_EQ(label(State::reviewed), "已复核待受理");
  EXPECT_EQ(label(State::accepted), "已受理");
  for (State s : kAllStates) EXPECT_EQ(state_from(to_string(s)), s);
}

}  // namespace qsm::domain::declaration
