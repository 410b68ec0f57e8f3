// The exhaustive check every workflow's state machine table gets: each (state, action, role) is
// either the spec's step or refused the right way (409 in another state, 403 for a role that never acts).
#pragma once
#include <gtest/gtest.h>

#include <array>

#include "domain/actor.hpp"
#include "domain/error.hpp"

namespace qsm::domain {

inline constexpr std::array kWorkRoles{Role::contractor, Role::supervisor, Role::site_contractor, Role::site_supervisor, Role::authority, Role::admin};

// Every (state, action, role): allowed with the spec's next state, else 409 when the role takes the
// action in some other state, else 403. Returns the number allowed.
template <class States, class Actions, class Spec, class Decide, class Name>
int check_machine(const States& states, const Actions& actions, const Spec& spec, Decide decide, Name name) {
  int allowed = 0;
  for (auto s : states)
    for (auto a : actions)
      for (Role r : kWorkRoles) {
        const typename Spec::value_type* want = nullptr;
        bool role_ever = false;
        for (const auto& t : spec) {
          if (t.action == a && t.role == r) role_ever = true;
          if (t.from == s && t.action == a && t.role == r) want = &t;
        }
        if (want) {
          EXPECT_EQ(static_cast<int>(decide(s, a, r).to), static_cast<int>(want->to)) << name(s, a, r);
          ++allowed;
          continue;
        }
        try {
          decide(s, a, r);
          ADD_FAILURE() << name(s, a, r) << " should be refused";
        } catch (const Failure& f) {
          EXPECT_EQ(f.error(), role_ever ? Error::invalid_transition : Error::forbidden) << name(s, a, r);
        }
      }
  return allowed;
}

template <class State, class Action>
struct Allowed {
  State from;
  Action action;
  Role role;
  State to;
};

}  // namespace qsm::domain
