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
#include "domain/workflow/machine.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"

namespace qsm::domain::completion {

enum class State { pending_review, rejected, pending_registration, registered };
enum class Action { save_review, review_submit, resubmit, register_ };

std::string_view to_string(State s);
std::string_view label(State s);  // 竣工评价待复核 …
std::optional<State> state_from(std::string_view s);
std::string_view state_label(std::string_view code);
std::string_view to_string(Action a);
std::string_view label(Action a);  // 复核, 提交, 再次提交复核, 登记
// Audit trail labels: "apply" (竣工评价申请) and the Action codes.
std::string_view audit_action_label(std::string_view code);

using Transition = workflow::Step<State, Action>;

// review_submit goes to pending_registration when the saved review agrees, else to rejected
// (review_outcome); the table names the agreeing case.
inline constexpr std::array kTransitions{
    Transition{State::pending_review, Action::save_review, Role::site_supervisor, State::pending_review},
    Transition{State::pending_review, Action::review_submit, Role::site_supervisor, State::pending_registration},
    Transition{State::rejected, Action::resubmit, Role::contractor, State::pending_review},
    Transition{State::pending_registration, Action::register_, Role::authority, State::registered, true},
};

const Transition& decide(State from, Action action, Role role);
std::vector<Action> available(State s, Role r);
// Where review_submit leads: 同意 → pending_registration, 不同意 → rejected.
State review_outcome(bool agree);

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
