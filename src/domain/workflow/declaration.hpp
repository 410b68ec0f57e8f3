// The declaration workflow (申报, SPEC §3.1): its spec.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/workflow/spec.hpp"

namespace qsm::domain::declaration {

enum class State { draft, submitted, returned, reviewed, accepted };
enum class Action { edit, remove, submit, return_, pass, accept, reject };

namespace spec {
using workflow::Tag;
using P = Permission;
inline constexpr std::array kStates{
    workflow::StateSpec{State::draft, "draft", "已申报待提交", Tag::info},
    workflow::StateSpec{State::submitted, "submitted", "已提交待复核", Tag::warning},
    workflow::StateSpec{State::returned, "returned", "已退回待提交", Tag::danger},
    workflow::StateSpec{State::reviewed, "reviewed", "已复核待受理", Tag::warning},
    workflow::StateSpec{State::accepted, "accepted", "已受理", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::edit, "edit", "修改", P::declaration_write},
    workflow::ActionSpec{Action::remove, "delete", "删除", P::declaration_write},
    workflow::ActionSpec{Action::submit, "submit", "提交", P::declaration_write},
    workflow::ActionSpec{Action::return_, "return", "退回", P::declaration_write, "退回意见"},
    workflow::ActionSpec{Action::pass, "pass", "通过", P::declaration_write},
    workflow::ActionSpec{Action::accept, "accept", "受理", P::declaration_write},
    workflow::ActionSpec{Action::reject, "reject", "不受理", P::declaration_write, "受理意见"},
};
inline constexpr std::array kEvents{workflow::EventSpec{"create", "申报"}};
// edit keeps the state; remove deletes the record (its `to` is not written).
inline constexpr std::array kSteps{
    workflow::Step{State::draft, Action::edit, Role::contractor, State::draft},
    workflow::Step{State::draft, Action::remove, Role::contractor, State::draft},
    workflow::Step{State::draft, Action::submit, Role::contractor, State::submitted},
    workflow::Step{State::returned, Action::edit, Role::contractor, State::returned},
    workflow::Step{State::returned, Action::submit, Role::contractor, State::submitted},
    workflow::Step{State::submitted, Action::return_, Role::supervisor, State::returned},
    workflow::Step{State::submitted, Action::pass, Role::supervisor, State::reviewed},
    workflow::Step{State::reviewed, Action::accept, Role::authority, State::accepted},
    workflow::Step{State::reviewed, Action::reject, Role::authority, State::returned},
};
// What each state asks of whom, in the inbox's words.
inline constexpr std::array kTodos{
    workflow::Todo{State::draft, Role::contractor, "submit", "提交申报"},
    workflow::Todo{State::returned, Role::contractor, "submit", "修改并重新提交申报"},
    workflow::Todo{State::submitted, Role::supervisor, "review", "复核申报"},
    workflow::Todo{State::reviewed, Role::authority, "accept", "受理申报"},
};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{
    {"declaration", "申报", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps, spec::kTodos}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view to_string(Action a) { return kSpec.code(a); }
inline std::string_view label(Action a) { return kSpec.label(a); }

// Labels of the declaration's audit trail: its own actions and states, and the management changes
// recorded on it (active → completed …).
std::string_view audit_action_label(std::string_view code);
std::string_view state_label(std::string_view code);

// Failure(forbidden) when the role never performs the action, Failure(invalid_transition) when not now.
inline const workflow::Step& decide(State from, Action action, Role role) { return kSpec.decide(from, action, role); }
inline std::vector<Action> available(State s, Role r) { return kSpec.available(s, r); }

}  // namespace qsm::domain::declaration
