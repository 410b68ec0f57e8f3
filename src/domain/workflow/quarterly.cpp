// Quarterly registration states, labels and decisions.
#include "domain/workflow/quarterly.hpp"

#include "domain/named.hpp"

namespace qsm::domain::quarterly {
namespace {

constexpr std::array kStates{
    Named<State>{State::pending, "pending", "待信息登记"},
    Named<State>{State::registered, "registered", "已登记"},
};
constexpr std::array kActions{
    Named<Action>{Action::register_, "register", "登记"},
};
static_assert(in_enum_order(kStates) && in_enum_order(kActions));

}  // namespace

std::string_view to_string(State s) { return named(kStates, s).code; }
std::string_view label(State s) { return named(kStates, s).label; }
std::optional<State> state_from(std::string_view s) { return from_code(kStates, s); }
std::string_view state_label(std::string_view code) { return label_of_code(kStates, code).value_or(code); }
std::string_view to_string(Action a) { return named(kActions, a).code; }
std::string_view label(Action a) { return named(kActions, a).label; }

std::string_view audit_action_label(std::string_view code) {
  if (code == "open") return "月度评价复核提交，待季度信息登记";
  if (code == "reopen") return "月度评价复核提交，待补充登记";
  return label_of_code(kActions, code).value_or(code);
}

const Transition& decide(State from, Action action, Role role) {
  workflow::Refusal why;
  if (const auto* t = workflow::find_step<State, Action>(kTransitions, from, action, role, why)) return *t;
  workflow::refuse(why, "季度评价", to_string(from), label(from), to_string(action), label(action));
}

std::vector<Action> available(State s, Role r) { return workflow::actions_of<State, Action>(kTransitions, s, r); }

std::optional<std::string_view> on_month_filed(std::optional<State> current) {
  if (!current) return "open";
  if (*current == State::registered) return "reopen";
  return std::nullopt;
}

}  // namespace qsm::domain::quarterly
