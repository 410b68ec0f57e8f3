// Declaration states, labels and the decision function.
#include "domain/workflow/declaration.hpp"

namespace qsm::domain::declaration {
namespace {

struct StateInfo {
  State state;
  std::string_view code, label;
};
constexpr std::array kStates{
    StateInfo{State::draft, "draft", "已申报待提交"},     StateInfo{State::submitted, "submitted", "已提交待复核"},
    StateInfo{State::returned, "returned", "已退回待提交"}, StateInfo{State::reviewed, "reviewed", "已复核待受理"},
    StateInfo{State::accepted, "accepted", "已受理"},
};
struct ActionInfo {
  Action action;
  std::string_view code, label;
};
constexpr std::array kActions{
    ActionInfo{Action::edit, "edit", "修改"},       ActionInfo{Action::remove, "delete", "删除"},
    ActionInfo{Action::submit, "submit", "提交"},   ActionInfo{Action::return_, "return", "退回"},
    ActionInfo{Action::pass, "pass", "通过"},       ActionInfo{Action::accept, "accept", "受理"},
    ActionInfo{Action::reject, "reject", "不受理"},
};

}  // namespace

std::string_view to_string(State s) { return kStates[static_cast<std::size_t>(s)].code; }
std::string_view label(State s) { return kStates[static_cast<std::size_t>(s)].label; }
std::optional<State> state_from(std::string_view s) {
  for (const auto& i : kStates)
    if (i.code == s) return i.state;
  return std::nullopt;
}
std::string_view to_string(Action a) { return kActions[static_cast<std::size_t>(a)].code; }
std::string_view label(Action a) { return kActions[static_cast<std::size_t>(a)].label; }

std::string_view audit_action_label(std::string_view code) {
  if (code == "create") return "申报";
  if (code == "edit") return "修改";
  if (code == "delete") return "删除";
  for (const auto& i : kActions)
    if (i.code == code) return i.label;
  return code;
}

std::string_view state_label(std::string_view code) {
  auto s = state_from(code);
  return s ? label(*s) : code;
}

std::string_view management_label(std::string_view code) {
  if (code == "active") return "评价中";
  if (code == "suspended") return "已中止";
  if (code == "completed") return "已竣工";
  if (code == "terminated") return "已终止";
  return code;
}

const Transition& decide(State from, Action action, Role role) {
  workflow::Refusal why;
  if (const auto* t = workflow::find_step<State, Action>(kTransitions, from, action, role, why)) return *t;
  if (why == workflow::Refusal::role_never)
    throw Failure(Error::forbidden, std::string("当前角色不能") + std::string(label(action)) + "申报");
  throw Failure(Error::invalid_transition,
                "申报当前状态为「" + std::string(label(from)) + "」，不能" + std::string(label(action)),
                boost::json::object{{"status", to_string(from)}, {"action", to_string(action)}});
}

std::vector<Action> available(State s, Role r) { return workflow::actions_of<State, Action>(kTransitions, s, r); }

}  // namespace qsm::domain::declaration
