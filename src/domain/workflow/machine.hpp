// What every workflow's state machine shares: a table of (from, action, role) → to, looked up
// the same way, so each machine is only its table and its labels.
#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/actor.hpp"
#include "domain/error.hpp"

namespace qsm::domain::workflow {

template <class State, class Action>
struct Step {
  State from;
  Action action;
  Role role;
  State to;
  bool opinion_required = false;
};

enum class Refusal { none, role_never, wrong_state };

// The step for (from, action, role), or nullptr with why: the role never takes the action, or not
// in this state.
template <class State, class Action>
const Step<State, Action>* find_step(std::span<const Step<State, Action>> table, State from, Action action, Role role,
                                     Refusal& why) {
  why = Refusal::role_never;
  for (const auto& t : table) {
    if (t.action != action || t.role != role) continue;
    why = Refusal::wrong_state;
    if (t.from == from) {
      why = Refusal::none;
      return &t;
    }
  }
  return nullptr;
}

// The refusal of a step find_step did not find, worded the same for every workflow: 403 when the
// role never takes the action ("当前角色不能提交申报"), 409 invalid_transition when not in this state.
[[noreturn]] void refuse(Refusal why, std::string_view record, std::string_view state_code, std::string_view state_label,
                         std::string_view action_code, std::string_view action_label);

// Every role that takes `action` in some state, as a mask of domain::bit(role): the route of the
// action admits only them.
template <class Table, class Action>
constexpr std::uint32_t actors_of(const Table& table, Action action) {
  std::uint32_t mask = 0;
  for (const auto& t : table)
    if (t.action == action) mask |= 1u << static_cast<unsigned>(t.role);
  return mask;
}

// The actions a role may take in a state (the UI's buttons), in table order without repeats.
template <class State, class Action>
std::vector<Action> actions_of(std::span<const Step<State, Action>> table, State s, Role r) {
  std::vector<Action> out;
  for (const auto& t : table)
    if (t.from == s && t.role == r && std::find(out.begin(), out.end(), t.action) == out.end()) out.push_back(t.action);
  return out;
}

}  // namespace qsm::domain::workflow
