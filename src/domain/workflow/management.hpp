// The management status of an accepted declaration (SPEC §3.2) and the requests that change it:
// suspension and resumption (中止/恢复, §3.7) and termination (终止, §3.8), each requested by the
// contractor, reviewed by the site supervisor and registered (备案) by the authority. One machine
// serves the three kinds; only a suspension or resumption may be withdrawn. Also here: the rule
// that at most one request (these or a completion) is in progress, and the suspension intervals
// whose wholly covered months need no evaluation.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/period.hpp"
#include "domain/time.hpp"
#include "domain/workflow/machine.hpp"

namespace qsm::domain::management {

// active 评价中, suspended 已中止, completed 已竣工, terminated 已终止.
enum class Status { active, suspended, completed, terminated };
std::string_view to_string(Status s);
std::optional<Status> status_from(std::string_view s);

enum class Kind { suspend, resume, terminate };
std::string_view to_string(Kind k);
std::string_view label(Kind k);  // 中止, 恢复, 终止
std::optional<Kind> kind_from(std::string_view s);

enum class State { pending_review, pending_registration, registered, withdrawn };
enum class Action { review, register_, withdraw };

std::string_view to_string(State s);
std::optional<State> state_from(std::string_view s);
// 已中止待复核 / 已中止恢复待复核 / 已终止待复核, …, 已登记, 已撤回.
std::string_view label(State s, Kind k);
std::string_view to_string(Action a);
std::string_view label(Action a, Kind k);  // 复核中止 / 复核恢复 / 复核终止, 中止备案 / …, 撤回
bool in_progress(State s);                 // pending_review or pending_registration

using Transition = workflow::Step<State, Action>;

inline constexpr std::array kTransitions{
    Transition{State::pending_review, Action::review, Role::site_supervisor, State::pending_registration},
    Transition{State::pending_registration, Action::register_, Role::authority, State::registered},
    Transition{State::pending_review, Action::withdraw, Role::contractor, State::withdrawn},
};

// The step for (state, action, role) on a request of this kind: Failure(forbidden) when the role
// never takes the action (a termination is never withdrawn), Failure(invalid_transition) when not now.
const Transition& decide(Kind k, State from, Action action, Role role);
std::vector<Action> available(Kind k, State s, Role r);
// The management status registering a request of this kind leads to, from the one it requires.
Status registered_status(Kind k);

// The audit trail's entity of each kind ("suspension", "resumption", "termination") and its labels
// for a stored state or action code ("request" is the contractor's application).
std::string_view audit_entity(Kind k);
std::string_view suspension_state_label(std::string_view code);
std::string_view resumption_state_label(std::string_view code);
std::string_view termination_state_label(std::string_view code);
std::string_view suspension_action_label(std::string_view code);
std::string_view resumption_action_label(std::string_view code);
std::string_view termination_action_label(std::string_view code);

// What the contractor may ask for on an accepted declaration.
enum class Request { suspend, resume, terminate, apply_completion };
std::string_view to_string(Request r);
std::string_view label(Request r);  // 申请中止, 申请恢复, 申请终止, 申请竣工评价

// The request in progress on a declaration, if any: which workflow and its state's label.
enum class Open { suspension, termination, completion };
std::string_view to_string(Open o);
std::optional<Open> open_from(std::string_view s);
struct OpenRequest {
  Open what;
  std::string state_label;  // 已中止待复核, 竣工评价待复核, …
};
Open open_of(Request r);
Open open_of(Kind k);

// Why the request may not be made now (409 invalid_transition, with the Chinese reason), or nullopt:
// suspend needs an active project, resume a suspended one, terminate an active or suspended one,
// a completion an active one; none while another request is in progress.
std::optional<std::string> refusal(Request r, Status s, const std::optional<OpenRequest>& open);
void check_request(Request r, Status s, const std::optional<OpenRequest>& open);  // throws the refusal
// The requests the contractor may make now, in enum order.
std::vector<Request> requestable(Status s, const std::optional<OpenRequest>& open);

// A registered suspension: from its date up to the day before the registered resumption's date
// (open while still suspended).
struct Interval {
  Date start;
  std::optional<Date> end;  // the resumption date: the first day not suspended
  auto operator<=>(const Interval&) const = default;
};
struct Registered {
  Kind kind;  // suspend or resume (terminations are ignored)
  Date date;
};
// The intervals of a declaration's registered suspensions and resumptions, in registration order. A
// resumption without an open interval, or a suspension while one is open, is ignored.
std::vector<Interval> intervals(std::span<const Registered> in_order);
// Whether the whole calendar month lies inside one interval (an open one covers every later month).
bool wholly_suspended(std::span<const Interval> iv, YearMonth m);
// The wholly suspended months from `from` to `to` (both included).
std::set<YearMonth> exempt_months(std::span<const Interval> iv, YearMonth from, YearMonth to);

// The dates a new suspension or resumption may carry: not in the future, not before acceptance; a
// suspension not before the last resumption; a resumption after the open interval's start. Returns
// the problem's text, or nullopt.
std::optional<std::string> date_problem(Kind k, Date date, Date today, Date accepted, std::span<const Interval> iv);

}  // namespace qsm::domain::management
