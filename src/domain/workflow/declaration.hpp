// The declaration state machine (SPEC §3.1) as a table: state × action × role → next state.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/error.hpp"
#include "domain/workflow/machine.hpp"

namespace qsm::domain::declaration {

enum class State { draft, submitted, returned, reviewed, accepted };
enum class Action { edit, remove, submit, return_, pass, accept, reject };

std::string_view to_string(State s);
std::string_view label(State s);  // 已申报待提交 …
std::optional<State> state_from(std::string_view s);
std::string_view to_string(Action a);
std::string_view label(Action a);  // 修改, 删除, 提交, 退回, 通过, 受理, 不受理

using Transition = workflow::Step<State, Action>;  // edit keeps the state; remove deletes (to is ignored)

inline constexpr std::array kTransitions{
    Transition{State::draft, Action::edit, Role::contractor, State::draft, false},
    Transition{State::draft, Action::remove, Role::contractor, State::draft, false},
    Transition{State::draft, Action::submit, Role::contractor, State::submitted, false},
    Transition{State::returned, Action::edit, Role::contractor, State::returned, false},
    Transition{State::returned, Action::submit, Role::contractor, State::submitted, false},
    Transition{State::submitted, Action::return_, Role::supervisor, State::returned, true},
    Transition{State::submitted, Action::pass, Role::supervisor, State::reviewed, false},
    Transition{State::reviewed, Action::accept, Role::authority, State::accepted, false},
    Transition{State::reviewed, Action::reject, Role::authority, State::returned, true},
};

// Labels of what the audit trail stores: an action code ("create", "edit", "delete" or an Action's
// code) and a state code; an unknown code is shown as it is.
std::string_view audit_action_label(std::string_view code);
std::string_view state_label(std::string_view code);
// The management status of an accepted declaration (SPEC §3.2): active 评价中, suspended 已中止, …
std::string_view management_label(std::string_view code);

// The transition for (state, action, role); Failure(forbidden) when the role never performs the
// action, Failure(invalid_transition) when it does but not in this state.
const Transition& decide(State from, Action action, Role role);
// The actions a role may take in a state (for the UI's buttons).
std::vector<Action> available(State s, Role r);

}  // namespace qsm::domain::declaration
