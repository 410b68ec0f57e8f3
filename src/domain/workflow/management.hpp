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
#include "domain/workflow/spec.hpp"

namespace qsm::domain::management {

// active 评价中, suspended 已中止, completed 已竣工, terminated 已终止: the status of an accepted
// declaration, changed only by the platform when a request (or the completion) is registered. Its
// changes are recorded on the declaration's audit trail.
enum class Status { active, suspended, completed, terminated };
enum class Change { complete, suspend, resume, terminate };

enum class Kind { suspend, resume, terminate };
std::string_view to_string(Kind k);
std::string_view label(Kind k);  // 中止, 恢复, 终止
std::optional<Kind> kind_from(std::string_view s);

// A suspension, resumption or termination request: one machine, three specs (the labels name the kind;
// a termination is never withdrawn).
enum class State { pending_review, pending_registration, registered, withdrawn };
enum class Action { review, register_, withdraw };

namespace spec {
using workflow::Tag;
using workflow::kSystem;
using P = Permission;
inline constexpr std::array kStatuses{
    workflow::StateSpec{Status::active, "active", "评价中", Tag::primary},
    workflow::StateSpec{Status::suspended, "suspended", "已中止", Tag::warning},
    workflow::StateSpec{Status::completed, "completed", "已竣工", Tag::success},
    workflow::StateSpec{Status::terminated, "terminated", "已终止", Tag::info},
};
inline constexpr std::array kChanges{
    workflow::ActionSpec{Change::complete, "complete", "结束质量标准化管理", P::platform},
    workflow::ActionSpec{Change::suspend, "suspend", "中止质量标准化管理", P::platform},
    workflow::ActionSpec{Change::resume, "resume", "恢复质量标准化管理", P::platform},
    workflow::ActionSpec{Change::terminate, "terminate", "终止质量标准化管理", P::platform},
};
inline constexpr std::array<workflow::EventSpec, 0> kNoEvents{};
// Each when the request of its kind (or the completion) is registered; the declaration's acceptance
// sets `active`.
inline constexpr std::array kStatusSteps{
    workflow::Step{Status::active, Change::complete, kSystem, Status::completed},
    workflow::Step{Status::active, Change::suspend, kSystem, Status::suspended},
    workflow::Step{Status::suspended, Change::resume, kSystem, Status::active},
    workflow::Step{Status::active, Change::terminate, kSystem, Status::terminated},
    workflow::Step{Status::suspended, Change::terminate, kSystem, Status::terminated},
};

// The request machine, per kind: only the labels and the withdrawal differ.
inline constexpr std::array kSuspensionStates{
    workflow::StateSpec{State::pending_review, "pending_review", "已中止待复核", Tag::warning},
    workflow::StateSpec{State::pending_registration, "pending_registration", "已复核中止待监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
    workflow::StateSpec{State::withdrawn, "withdrawn", "已撤回", Tag::info},
};
inline constexpr std::array kResumptionStates{
    workflow::StateSpec{State::pending_review, "pending_review", "已中止恢复待复核", Tag::warning},
    workflow::StateSpec{State::pending_registration, "pending_registration", "已复核中止恢复待监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
    workflow::StateSpec{State::withdrawn, "withdrawn", "已撤回", Tag::info},
};
inline constexpr std::array kTerminationStates{
    workflow::StateSpec{State::pending_review, "pending_review", "已终止待复核", Tag::warning},
    workflow::StateSpec{State::pending_registration, "pending_registration", "已复核终止待监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
    workflow::StateSpec{State::withdrawn, "withdrawn", "已撤回", Tag::info},
};
// The kind-independent labels (the combined 中止/恢复 list's 状态 filter).
inline constexpr std::array kRequestStates{
    workflow::StateSpec{State::pending_review, "pending_review", "待复核", Tag::warning},
    workflow::StateSpec{State::pending_registration, "pending_registration", "待监督信息登记", Tag::primary},
    workflow::StateSpec{State::registered, "registered", "已登记", Tag::success},
    workflow::StateSpec{State::withdrawn, "withdrawn", "已撤回", Tag::info},
};
inline constexpr std::array kSuspensionActions{
    workflow::ActionSpec{Action::review, "review", "复核中止", P::request_write},
    workflow::ActionSpec{Action::register_, "register", "中止备案", P::request_write},
    workflow::ActionSpec{Action::withdraw, "withdraw", "撤回", P::request_write, {}, true},
};
inline constexpr std::array kResumptionActions{
    workflow::ActionSpec{Action::review, "review", "复核恢复", P::request_write},
    workflow::ActionSpec{Action::register_, "register", "恢复备案", P::request_write},
    workflow::ActionSpec{Action::withdraw, "withdraw", "撤回", P::request_write, {}, true},
};
inline constexpr std::array kTerminationActions{
    workflow::ActionSpec{Action::review, "review", "复核终止", P::request_write},
    workflow::ActionSpec{Action::register_, "register", "终止备案", P::request_write},
    workflow::ActionSpec{Action::withdraw, "withdraw", "撤回", P::request_write, {}, true},
};
inline constexpr std::array kRequestActions{
    workflow::ActionSpec{Action::review, "review", "复核", P::request_write},
    workflow::ActionSpec{Action::register_, "register", "备案", P::request_write},
    workflow::ActionSpec{Action::withdraw, "withdraw", "撤回", P::request_write, {}, true},
};
inline constexpr std::array kSuspensionEvents{workflow::EventSpec{"request", "申请中止"}};
inline constexpr std::array kResumptionEvents{workflow::EventSpec{"request", "申请恢复"}};
inline constexpr std::array kTerminationEvents{workflow::EventSpec{"request", "申请终止"}};
inline constexpr std::array kRequestEvents{workflow::EventSpec{"request", "申请"}};
inline constexpr std::array kWithdrawableSteps{
    workflow::Step{State::pending_review, Action::review, Role::site_supervisor, State::pending_registration},
    workflow::Step{State::pending_registration, Action::register_, Role::authority, State::registered},
    workflow::Step{State::pending_review, Action::withdraw, Role::contractor, State::withdrawn},
};
inline constexpr std::array kTerminationSteps{
    workflow::Step{State::pending_review, Action::review, Role::site_supervisor, State::pending_registration},
    workflow::Step{State::pending_registration, Action::register_, Role::authority, State::registered},
};
inline constexpr std::array kSuspensionTodos{
    workflow::Todo{State::pending_review, Role::site_supervisor, "review", "复核中止"},
    workflow::Todo{State::pending_registration, Role::authority, "register", "中止备案"},
};
inline constexpr std::array kResumptionTodos{
    workflow::Todo{State::pending_review, Role::site_supervisor, "review", "复核恢复"},
    workflow::Todo{State::pending_registration, Role::authority, "register", "恢复备案"},
};
inline constexpr std::array kTerminationTodos{
    workflow::Todo{State::pending_review, Role::site_supervisor, "review", "复核终止"},
    workflow::Todo{State::pending_registration, Role::authority, "register", "终止备案"},
};
inline constexpr std::array kRequestTodos{
    workflow::Todo{State::pending_review, Role::site_supervisor, "review", "复核"},
    workflow::Todo{State::pending_registration, Role::authority, "register", "备案"},
};
}  // namespace spec

using StatusSpec = workflow::Spec<Status, Change>;
using RequestSpec = workflow::Spec<State, Action>;
inline constexpr StatusSpec kStatusSpec{{"management", "管理状态", spec::kStatuses, spec::kChanges, spec::kNoEvents, spec::kStatusSteps}};
inline constexpr RequestSpec kSuspensionSpec{
    {"suspension", "中止申请", spec::kSuspensionStates, spec::kSuspensionActions, spec::kSuspensionEvents, spec::kWithdrawableSteps,
     spec::kSuspensionTodos}};
inline constexpr RequestSpec kResumptionSpec{
    {"resumption", "恢复申请", spec::kResumptionStates, spec::kResumptionActions, spec::kResumptionEvents, spec::kWithdrawableSteps,
     spec::kResumptionTodos}};
inline constexpr RequestSpec kTerminationSpec{
    {"termination", "终止申请", spec::kTerminationStates, spec::kTerminationActions, spec::kTerminationEvents, spec::kTerminationSteps,
     spec::kTerminationTodos}};
// Not a machine of its own: the kind-independent face of the three, for lists that show them together.
inline constexpr RequestSpec kRequestSpec{
    {"request", "中止/恢复申请", spec::kRequestStates, spec::kRequestActions, spec::kRequestEvents, spec::kWithdrawableSteps, spec::kRequestTodos}};
static_assert(workflow::well_formed(kStatusSpec.m) && workflow::well_formed(kSuspensionSpec.m) && workflow::well_formed(kResumptionSpec.m) &&
              workflow::well_formed(kTerminationSpec.m) && workflow::well_formed(kRequestSpec.m));

inline std::string_view to_string(Status s) { return kStatusSpec.code(s); }
inline std::optional<Status> status_from(std::string_view s) { return kStatusSpec.state_from(s); }
inline std::string_view status_label(std::string_view code) { return kStatusSpec.m.state_label(code); }

// The spec of a request of this kind.
const RequestSpec& spec_of(Kind k);

inline std::string_view to_string(State s) { return kRequestSpec.code(s); }
inline std::optional<State> state_from(std::string_view s) { return kRequestSpec.state_from(s); }
// 已中止待复核 / 已中止恢复待复核 / 已终止待复核, …, 已登记, 已撤回.
inline std::string_view label(State s, Kind k) { return spec_of(k).label(s); }
inline std::string_view to_string(Action a) { return kRequestSpec.code(a); }
inline std::string_view label(Action a, Kind k) { return spec_of(k).label(a); }  // 复核中止 / 复核恢复 / 复核终止, 中止备案 / …, 撤回
bool in_progress(State s);                 // pending_review or pending_registration

// The step for (state, action, role) on a request of this kind: Failure(forbidden) when the role
// never takes the action (a termination is never withdrawn), Failure(invalid_transition) when not now.
const workflow::Step& decide(Kind k, State from, Action action, Role role);
std::vector<Action> available(Kind k, State s, Role r);
// The management change registering a request of this kind makes.
Change registered_change(Kind k);

// The audit trail's entity of each kind ("suspension", "resumption", "termination").
inline std::string_view audit_entity(Kind k) { return spec_of(k).m.entity; }

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
