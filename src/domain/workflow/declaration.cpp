// Declaration states, labels and the decision function.
#include "domain/workflow/declaration.hpp"

#include "domain/named.hpp"

namespace qsm::domain::declaration {
namespace {

constexpr std::array kStates{
    Named<State>{State::draft, "draft", "已申报待提交"},     Named<State>{State::submitted, "submitted", "已提交待复核"},
    Named<State>{State::returned, "returned", "已退回待提交"}, Named<State>{State::reviewed, "reviewed", "已复核待受理"},
    Named<State>{State::accepted, "accepted", "已受理"},
};
constexpr std::array kActions{
    Named<Action>{Action::edit, "edit", "修改"},       Named<Action>{Action::remove, "delete", "删除"},
    Named<Action>{Action::submit, "submit", "提交"},   Named<Action>{Action::return_, "return", "退回"},
    Named<Action>{Action::pass, "pass", "通过"},       Named<Action>{Action::accept, "accept", "受理"},
    Named<Action>{Action::reject, "reject", "不受理"},
};

static_assert(in_enum_order(kStates) && in_enum_order(kActions));

}  // namespace

std::string_view to_string(State s) { return named(kStates, s).code; }
std::string_view label(State s) { return named(kStates, s).label; }
std::optional<State> state_from(std::string_view s) { return from_code(kStates, s); }
std::string_view to_string(Action a) { return named(kActions, a).code; }
std::string_view label(Action a) { return named(kActions, a).label; }

std::string_view audit_action_label(std::string_view code) {
  if (code == "create") return "申报";
  if (code == "edit") return "修改";
  if (code == "delete") return "删除";
  if (code == "complete") return "结束质量标准化管理";
  if (code == "suspend") return "中止质量标准化管理";
  if (code == "resume") return "恢复质量标准化管理";
  if (code == "terminate") return "终止质量标准化管理";
  return label_of_code(kActions, code).value_or(code);
}

std::string_view state_label(std::string_view code) {
  auto s = state_from(code);
  return s ? label(*s) : management_label(code);  // management changes (active → completed) are audited too
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
  workflow::refuse(why, "申报", to_string(from), label(from), to_string(action), label(action));
}

std::vector<Action> available(State s, Role r) { return workflow::actions_of<State, Action>(kTransitions, s, r); }

}  // namespace qsm::domain::declaration
