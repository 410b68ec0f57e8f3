// The quarterly registration (季度评价监督信息登记, SPEC §3.5): pending once a month of the quarter is
// filed, registered by the authority; a month filed later reopens it for a supplementary registration.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/workflow/machine.hpp"

namespace qsm::domain::quarterly {

enum class State { pending, registered };  // 待信息登记, 已登记
enum class Action { register_ };            // "register" 登记 (监督信息登记)

std::string_view to_string(State s);
std::string_view label(State s);
std::optional<State> state_from(std::string_view s);
std::string_view state_label(std::string_view code);
std::string_view to_string(Action a);
std::string_view label(Action a);
// Audit trail labels: "open" (a month filed), "reopen" (a month filed after registration) and "register".
std::string_view audit_action_label(std::string_view code);

using Transition = workflow::Step<State, Action>;

inline constexpr std::array kTransitions{
    Transition{State::pending, Action::register_, Role::authority, State::registered, true},
};

const Transition& decide(State from, Action action, Role role);
std::vector<Action> available(State s, Role r);

// A month of the quarter was filed: the quarter opens (no record yet) or reopens (补充登记) as
// pending, or stays pending. The action code for the audit trail, or nullopt when nothing changes.
std::optional<std::string_view> on_month_filed(std::optional<State> current);

}  // namespace qsm::domain::quarterly
