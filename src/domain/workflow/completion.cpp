// Completion evaluation states, labels, decisions and the completeness rule.
#include "domain/workflow/completion.hpp"

#include "domain/named.hpp"

namespace qsm::domain::completion {
namespace {

constexpr std::array kStates{
    Named<State>{State::pending_review, "pending_review", "竣工评价待复核"},
    Named<State>{State::rejected, "rejected", "复核不同意"},
    Named<State>{State::pending_registration, "pending_registration", "竣工评价已提交待监督信息登记"},
    Named<State>{State::registered, "registered", "已登记"},
};
constexpr std::array kActions{
    Named<Action>{Action::save_review, "save_review", "复核"},
    Named<Action>{Action::review_submit, "review_submit", "提交复核"},
    Named<Action>{Action::resubmit, "resubmit", "再次提交复核"},
    Named<Action>{Action::register_, "register", "登记"},
};
static_assert(in_enum_order(kStates) && in_enum_order(kActions));

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

}  // namespace

std::string_view to_string(State s) { return named(kStates, s).code; }
std::string_view label(State s) { return named(kStates, s).label; }
std::optional<State> state_from(std::string_view s) { return from_code(kStates, s); }
std::string_view state_label(std::string_view code) { return label_of_code(kStates, code).value_or(code); }
std::string_view to_string(Action a) { return named(kActions, a).code; }
std::string_view label(Action a) { return named(kActions, a).label; }

std::string_view audit_action_label(std::string_view code) {
  if (code == "apply") return "竣工评价申请";
  return label_of_code(kActions, code).value_or(code);
}

const Transition& decide(State from, Action action, Role role) {
  workflow::Refusal why;
  if (const auto* t = workflow::find_step<State, Action>(kTransitions, from, action, role, why)) return *t;
  workflow::refuse(why, "竣工评价", to_string(from), label(from), to_string(action), label(action));
}

std::vector<Action> available(State s, Role r) { return workflow::actions_of<State, Action>(kTransitions, s, r); }

State review_outcome(bool agree) { return agree ? State::pending_registration : State::rejected; }

YearMonth last_due_month(Date today) {
  auto current = YearMonth::of(today);
  return static_cast<unsigned>(today.day()) <= 15 ? current.prev() : current;
}

Completeness check_completeness(const Record& r) {
  Completeness out;
  out.last_due = std::max(last_due_month(r.today), r.accepted);
  std::vector<std::string> month_texts;
  std::set<Quarter> due_quarters;
  for (auto m = r.accepted; m <= out.last_due; m = m.next()) {
    if (r.exempt.count(m)) continue;
    due_quarters.insert(Quarter::of(m));
    auto it = r.months.find(m);
    if (it != r.months.end() && (it->second == monthly::State::filed || it->second == monthly::State::registered)) continue;
    out.missing_months.push_back(m);
    month_texts.push_back(m.to_string() + "（" + std::string(it == r.months.end() ? "未评价" : monthly::label(it->second)) + "）");
  }
  std::vector<std::string> quarter_texts;
  for (const auto& q : due_quarters) {
    auto it = r.quarters.find(q);
    if (it != r.quarters.end() && it->second == quarterly::State::registered) continue;
    out.unregistered_quarters.push_back(q);
    quarter_texts.push_back(q.to_string());
  }
  if (out.complete()) return out;

  out.message = "评价记录尚不完整，暂不能申请竣工评价（须评价至 " + out.last_due.to_string() + "）。";
  if (!month_texts.empty()) out.message += "尚未经监理机构复核提交的月度评价：" + join(month_texts) + "。";
  if (!quarter_texts.empty()) out.message += "尚未完成季度评价监督信息登记的季度：" + join(quarter_texts) + "。";
  out.message +=
      "解决方法：（1）当月 15 日前（含 15 日）申请的，请联系监督机构完成该项目当季季度评价监督信息登记后，再申请竣工评价；"
      "（2）15 日以后申请的，请先完成当月月度评价并提交监理机构复核，复核完成后联系监督机构完成当季季度评价监督信息登记，"
      "再申请竣工评价。";
  return out;
}

}  // namespace qsm::domain::completion
