// The quarterly registration (季度评价监督信息登记, SPEC §3.5): pending once a month of the quarter is
// filed, registered by the authority; a month filed later reopens it for a supplementary registration.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/workflow/spec.hpp"

namespace qsm::domain::quarterly {

enum class State { pending, registered };  // 待信息登记, 已登记
enum class Action { register_, reopen };    // 登记 (监督信息登记); reopened by a month filed after registration

namespace spec {
using workflow::Tag;
using P = Permission;
inline constexpr std::array kStates{
    workflow::StateSpec{State::pending, "pending", "待信息登记", Tag::warning},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::register_, "register", "登记", P::quarterly_register},
    workflow::ActionSpec{Action::reopen, "reopen", "月度评价复核提交，待补充登记", P::platform},
};
// The quarter's record is created when the first of its months is filed.
inline constexpr std::array kEvents{workflow::EventSpec{"open", "月度评价复核提交，待季度信息登记"}};
inline constexpr std::array kSteps{
    workflow::Step{State::pending, Action::register_, Role::authority, State::registered},
    // A month of the quarter filed after its registration: a supplementary registration (补充登记) is due.
    workflow::Step{State::registered, Action::reopen, workflow::kSystem, State::pending},
};
inline constexpr std::array kTodos{workflow::Todo{State::pending, Role::authority, "register", "季度评价监督信息登记"}};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{
    {"quarterly_registration", "季度评价", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps, spec::kTodos}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view state_label(std::string_view code) { return kSpec.m.state_label(code); }
inline std::string_view to_string(Action a) { return kSpec.code(a); }
inline std::string_view label(Action a) { return kSpec.label(a); }
inline std::string_view audit_action_label(std::string_view code) { return kSpec.m.action_label(code); }

inline const workflow::Step& decide(State from, Action action, Role role) { return kSpec.decide(from, action, role); }
inline std::vector<Action> available(State s, Role r) { return kSpec.available(s, r); }

// A month of the quarter was filed: the quarter opens (no record yet) or reopens (补充登记) as
// pending, or stays pending. The action code for the audit trail, or nullopt when nothing changes.
std::optional<std::string_view> on_month_filed(std::optional<State> current);

}  // namespace qsm::domain::quarterly
