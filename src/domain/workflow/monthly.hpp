// The monthly evaluation (月度评价, SPEC §3.3): its state machine as a table, and the calendar rule
// that decides which month may be created next.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/period.hpp"
#include "domain/workflow/machine.hpp"

namespace qsm::domain::monthly {

enum class State { draft, submitted, reviewed, filed, registered };
enum class Action { save_self, submit, save_review, review_submit };
enum class Sheet { self, review };  // 自评 by the contractor, 复核 by the site supervisor

std::string_view to_string(State s);
std::string_view label(State s);  // 待提交 …
std::optional<State> state_from(std::string_view s);
std::string_view to_string(Action a);
std::string_view label(Action a);  // 保存自评, 提交, 保存复核, 提交复核
// The label of a stored state code (an unknown code is shown as it is).
std::string_view state_label(std::string_view code);
std::string_view to_string(Sheet s);              // "self", "review"
std::string_view sheet_label(std::string_view code);  // 自评, 复核
// The action that saves (save_self, save_review) or submits (submit, review_submit) a sheet.
Action save_action(Sheet s);
Action submit_action(Sheet s);

using Transition = workflow::Step<State, Action>;

// `registered` is reached through the quarter's registration (季度评价监督信息登记), not here.
inline constexpr std::array kTransitions{
    Transition{State::draft, Action::save_self, Role::contractor, State::draft},
    Transition{State::draft, Action::submit, Role::contractor, State::submitted},
    Transition{State::submitted, Action::save_review, Role::site_supervisor, State::reviewed},
    Transition{State::reviewed, Action::save_review, Role::site_supervisor, State::reviewed},
    Transition{State::reviewed, Action::review_submit, Role::site_supervisor, State::filed},
};

// Failure(forbidden) when the role never takes the action, Failure(invalid_transition) when not now.
const Transition& decide(State from, Action action, Role role);
std::vector<Action> available(State s, Role r);
// Audit trail labels of the monthly actions ("create" and the Action codes).
std::string_view audit_action_label(std::string_view code);

// What the calendar rule needs to know about a declaration.
struct Calendar {
  YearMonth accepted;              // the month of acceptance: the first due month
  YearMonth current;               // today's month, Asia/Shanghai
  std::set<YearMonth> exempt;      // months the project was suspended for the whole month
  std::vector<std::pair<YearMonth, State>> existing;  // the declaration's evaluations
  bool active = true;              // management_status == active
  std::string management_label;    // 已中止 … for the refusal
  std::optional<Date> suspended_since;  // the open suspension interval's start, while suspended
};

struct NextMonth {
  std::optional<YearMonth> period;  // the month that may be created now
  std::string reason;               // why none may, when period is empty
};

// The one month that may be created now: the first due month without an evaluation, provided the
// previous due month's evaluation was submitted and the month is not in the future.
NextMonth next_month(const Calendar& cal);
// Throws the precise refusal unless `period` is next_month(cal): 422 for a future, early, exempt or
// out-of-order month, 409 conflict when it exists, 409 invalid_transition unless the project is active.
void check_create(const Calendar& cal, YearMonth period);

}  // namespace qsm::domain::monthly
