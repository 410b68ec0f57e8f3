// The completion evaluation (竣工评价, SPEC §3.6): its state machine as a table, and the
// completeness rule that decides whether the contractor may apply (the 15th-day rule).
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/period.hpp"
#include "domain/workflow/spec.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"

namespace qsm::domain::completion {

enum class State { pending_review, rejected, pending_registration, registered };
enum class Action { save_review, review_submit, resubmit, register_ };

namespace spec {
using workflow::Branch;
using workflow::Tag;
using P = Permission;
inline constexpr std::array kStates{
    workflow::StateSpec{State::pending_review, "pending_review", "竣工评价待复核", Tag::warning},
    workflow::StateSpec{State::rejected, "rejected", "复核不同意", Tag::danger},
    workflow::StateSpec{State::pending_registration, "pending_registration", "竣工评价已提交待监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
};
inline constexpr std::array kActions{
    workflow::ActionSpec{Action::save_review, "save_review", "复核", P::completion_write},
    workflow::ActionSpec{Action::review_submit, "review_submit", "提交复核", P::completion_write},
    workflow::ActionSpec{Action::resubmit, "resubmit", "再次提交复核", P::completion_write},
    workflow::ActionSpec{Action::register_, "register", "登记", P::completion_write, "监督意见"},
};
inline constexpr std::array kEvents{workflow::EventSpec{"apply", "竣工评价申请"}};
inline constexpr std::array kSteps{
    workflow::Step{State::pending_review, Action::save_review, Role::site_supervisor, State::pending_review},
    // The saved review's opinion decides: 同意 goes on to registration, 不同意 back to the contractor.
    workflow::Step{State::pending_review, Action::review_submit, Role::site_supervisor, State::pending_registration},
    workflow::Step{State::pending_review, Action::review_submit, Role::site_supervisor, State::rejected, Branch::other},
    workflow::Step{State::rejected, Action::resubmit, Role::contractor, State::pending_review},
    workflow::Step{State::pending_registration, Action::register_, Role::authority, State::registered},
};
inline constexpr std::array kTodos{
    workflow::Todo{State::pending_review, Role::site_supervisor, "review", "竣工复核"},
    workflow::Todo{State::rejected, Role::contractor, "resubmit", "再次提交竣工评价"},
    workflow::Todo{State::pending_registration, Role::authority, "register", "竣工评价监督信息登记"},
};
}  // namespace spec

inline constexpr workflow::Spec<State, Action> kSpec{
    {"completion", "竣工评价", spec::kStates, spec::kActions, spec::kEvents, spec::kSteps, spec::kTodos}};
static_assert(workflow::well_formed(kSpec.m));

inline std::string_view to_string(State s) { return kSpec.code(s); }
inline std::string_view label(State s) { return kSpec.label(s); }
inline std::optional<State> state_from(std::string_view s) { return kSpec.state_from(s); }
inline std::string_view state_label(std::string_view code) { return kSpec.m.state_label(code); }
inline std::string_view to_string(Action a) { return kSpec.code(a); }
inline std::string_view label(Action a) { return kSpec.label(a); }
inline std::string_view audit_action_label(std::string_view code) { return kSpec.m.action_label(code); }

// review_submit takes the usual branch when the saved review agrees (同意), the other when not.
inline const workflow::Step& decide(State from, Action action, Role role, workflow::Branch b = workflow::Branch::usual) {
  return kSpec.decide(from, action, role, b);
}
inline std::vector<Action> available(State s, Role r) { return kSpec.available(s, r); }
// Where review_submit leads (the spec's two ends): 同意 → pending_registration, 不同意 → rejected.
inline State review_outcome(bool agree) {
  return kSpec.to(kSpec.decide(State::pending_review, Action::review_submit, Role::site_supervisor,
                               agree ? workflow::Branch::usual : workflow::Branch::other));
}

// The last due month L: the previous month on or before the 15th, else the current month.
YearMonth last_due_month(Date today);

// What the completeness rule needs to know about a declaration's evaluation record.
struct Record {
  YearMonth accepted;                                   // the first due month
  Date today;                                           // Asia/Shanghai
  std::set<YearMonth> exempt;                           // wholly suspended months
  std::map<YearMonth, monthly::State> months;           // the evaluations that exist
  std::map<Quarter, quarterly::State> quarters;         // the quarterly records that exist
};

struct Completeness {
  YearMonth last_due;                            // L (never before the acceptance month)
  std::vector<YearMonth> missing_months;         // due, not filed or registered
  std::vector<Quarter> unregistered_quarters;    // containing a due month, not registered
  std::string message;                           // empty when complete; else what is missing and the two remedies
  bool complete() const { return missing_months.empty() && unregistered_quarters.empty(); }
};

// Every month from the acceptance month to L (wholly suspended months excepted) must be filed or
// registered, and every quarter containing one of them registered. A project accepted this month
// and asked on or before the 15th still needs its acceptance month: a completion with no score
// would have nothing to register (docs/decisions.md).
Completeness check_completeness(const Record& r);

}  // namespace qsm::domain::completion
