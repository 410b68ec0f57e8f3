// Management requests: labels per kind, decisions, the one-request-in-progress rule, intervals.
#include "domain/workflow/management.hpp"

#include <boost/json/object.hpp>

#include "domain/named.hpp"

namespace qsm::domain::management {
namespace {

constexpr std::array kStatuses{
    Named<Status>{Status::active, "active", "评价中"},
    Named<Status>{Status::suspended, "suspended", "已中止"},
    Named<Status>{Status::completed, "completed", "已竣工"},
    Named<Status>{Status::terminated, "terminated", "已终止"},
};
constexpr std::array kKinds{
    Named<Kind>{Kind::suspend, "suspend", "中止"},
    Named<Kind>{Kind::resume, "resume", "恢复"},
    Named<Kind>{Kind::terminate, "terminate", "终止"},
};
constexpr std::array kStateCodes{
    Named<State>{State::pending_review, "pending_review", ""},
    Named<State>{State::pending_registration, "pending_registration", ""},
    Named<State>{State::registered, "registered", "已登记"},
    Named<State>{State::withdrawn, "withdrawn", "已撤回"},
};
constexpr std::array kActionCodes{
    Named<Action>{Action::review, "review", ""},
    Named<Action>{Action::register_, "register", ""},
    Named<Action>{Action::withdraw, "withdraw", "撤回"},
};
constexpr std::array kRequests{
    Named<Request>{Request::suspend, "suspend", "申请中止"},
    Named<Request>{Request::resume, "resume", "申请恢复"},
    Named<Request>{Request::terminate, "terminate", "申请终止"},
    Named<Request>{Request::apply_completion, "apply_completion", "申请竣工评价"},
};
constexpr std::array kOpens{
    Named<Open>{Open::suspension, "suspension", "中止/恢复申请"},
    Named<Open>{Open::termination, "termination", "终止申请"},
    Named<Open>{Open::completion, "completion", "竣工评价"},
};
static_assert(in_enum_order(kStatuses) && in_enum_order(kKinds) && in_enum_order(kStateCodes) && in_enum_order(kActionCodes) &&
              in_enum_order(kRequests) && in_enum_order(kOpens));

// The kind-dependent labels (SPEC §3.7, §3.8 and the manual's buttons), indexed by kind.
constexpr std::array<std::string_view, 3> kPendingReview{"已中止待复核", "已中止恢复待复核", "已终止待复核"};
constexpr std::array<std::string_view, 3> kPendingRegistration{"已复核中止待监督信息登记", "已复核中止恢复待监督信息登记",
                                                               "已复核终止待监督信息登记"};
constexpr std::array<std::string_view, 3> kReview{"复核中止", "复核恢复", "复核终止"};
constexpr std::array<std::string_view, 3> kRegister{"中止备案", "恢复备案", "终止备案"};
constexpr std::array<std::string_view, 3> kEntities{"suspension", "resumption", "termination"};
constexpr std::array<std::string_view, 3> kRecords{"中止申请", "恢复申请", "终止申请"};

std::size_t at(Kind k) { return static_cast<std::size_t>(k); }

std::string_view state_label_of(Kind k, std::string_view code) {
  auto s = state_from(code);
  return s ? label(*s, k) : code;
}

std::string_view action_label_of(Kind k, std::string_view code) {
  if (code == "request") return named(kRequests, k == Kind::suspend ? Request::suspend : k == Kind::resume ? Request::resume : Request::terminate).label;
  for (const auto& a : kActionCodes)
    if (a.code == code) return label(a.value, k);
  return code;
}

std::string status_text(Status s) { return std::string(named(kStatuses, s).label); }

}  // namespace

std::string_view to_string(Status s) { return named(kStatuses, s).code; }
std::optional<Status> status_from(std::string_view s) { return from_code(kStatuses, s); }
std::string_view to_string(Kind k) { return named(kKinds, k).code; }
std::string_view label(Kind k) { return named(kKinds, k).label; }
std::optional<Kind> kind_from(std::string_view s) { return from_code(kKinds, s); }
std::string_view to_string(State s) { return named(kStateCodes, s).code; }
std::optional<State> state_from(std::string_view s) { return from_code(kStateCodes, s); }
std::string_view to_string(Action a) { return named(kActionCodes, a).code; }
bool in_progress(State s) { return s == State::pending_review || s == State::pending_registration; }

std::string_view label(State s, Kind k) {
  switch (s) {
    case State::pending_review: return kPendingReview[at(k)];
    case State::pending_registration: return kPendingRegistration[at(k)];
    default: return named(kStateCodes, s).label;
  }
}

std::string_view label(Action a, Kind k) {
  switch (a) {
    case Action::review: return kReview[at(k)];
    case Action::register_: return kRegister[at(k)];
    default: return named(kActionCodes, a).label;
  }
}

const Transition& decide(Kind k, State from, Action action, Role role) {
  const auto record = kRecords[at(k)];
  if (k == Kind::terminate && action == Action::withdraw) throw Failure(Error::forbidden, "终止申请不能撤回");
  workflow::Refusal why;
  if (const auto* t = workflow::find_step<State, Action>(kTransitions, from, action, role, why)) return *t;
  // The action labels name the kind already (复核中止, 恢复备案), so the role refusal does not repeat it.
  if (why == workflow::Refusal::role_never) throw Failure(Error::forbidden, "当前角色不能" + std::string(label(action, k)));
  workflow::refuse(why, record, to_string(from), label(from, k), to_string(action), label(action, k));
}

std::vector<Action> available(Kind k, State s, Role r) {
  auto out = workflow::actions_of<State, Action>(kTransitions, s, r);
  if (k == Kind::terminate) std::erase(out, Action::withdraw);
  return out;
}

Status registered_status(Kind k) {
  switch (k) {
    case Kind::suspend: return Status::suspended;
    case Kind::resume: return Status::active;
    default: return Status::terminated;
  }
}

std::string_view audit_entity(Kind k) { return kEntities[at(k)]; }
std::string_view suspension_state_label(std::string_view code) { return state_label_of(Kind::suspend, code); }
std::string_view resumption_state_label(std::string_view code) { return state_label_of(Kind::resume, code); }
std::string_view termination_state_label(std::string_view code) { return state_label_of(Kind::terminate, code); }
std::string_view suspension_action_label(std::string_view code) { return action_label_of(Kind::suspend, code); }
std::string_view resumption_action_label(std::string_view code) { return action_label_of(Kind::resume, code); }
std::string_view termination_action_label(std::string_view code) { return action_label_of(Kind::terminate, code); }

std::string_view to_string(Request r) { return named(kRequests, r).code; }
std::string_view label(Request r) { return named(kRequests, r).label; }
std::string_view to_string(Open o) { return named(kOpens, o).code; }
std::optional<Open> open_from(std::string_view s) { return from_code(kOpens, s); }
Open open_of(Request r) {
  switch (r) {
    case Request::suspend:
    case Request::resume: return Open::suspension;
    case Request::terminate: return Open::termination;
    default: return Open::completion;
  }
}
Open open_of(Kind k) { return k == Kind::terminate ? Open::termination : Open::suspension; }

std::optional<std::string> refusal(Request r, Status s, const std::optional<OpenRequest>& open) {
  const auto what = std::string(label(r)).substr(std::string_view("申请").size());  // 中止, 恢复, …
  bool status_ok = false;
  switch (r) {
    case Request::suspend:
    case Request::apply_completion: status_ok = s == Status::active; break;
    case Request::resume: status_ok = s == Status::suspended; break;
    case Request::terminate: status_ok = s == Status::active || s == Status::suspended; break;
  }
  if (!status_ok) return "工程当前为「" + status_text(s) + "」，不能" + std::string(label(r));
  if (open)
    return "该工程有进行中的" + std::string(named(kOpens, open->what).label) + "（" + open->state_label + "），办结后才能申请" + what;
  return std::nullopt;
}

void check_request(Request r, Status s, const std::optional<OpenRequest>& open) {
  auto why = refusal(r, s, open);
  if (!why) return;
  boost::json::object details{{"management_status", to_string(s)}, {"request", to_string(r)}};
  if (open) details["open_request"] = to_string(open->what);
  throw Failure(Error::invalid_transition, *why, std::move(details));
}

std::vector<Request> requestable(Status s, const std::optional<OpenRequest>& open) {
  std::vector<Request> out;
  for (const auto& r : kRequests)
    if (!refusal(r.value, s, open)) out.push_back(r.value);
  return out;
}

std::vector<Interval> intervals(std::span<const Registered> in_order) {
  std::vector<Interval> out;
  for (const auto& r : in_order) {
    const bool open = !out.empty() && !out.back().end;
    if (r.kind == Kind::suspend && !open) out.push_back({r.date, std::nullopt});
    if (r.kind == Kind::resume && open) out.back().end = r.date;
  }
  return out;
}

bool wholly_suspended(std::span<const Interval> iv, YearMonth m) {
  using namespace std::chrono;
  const Date first{year{m.year}, month{static_cast<unsigned>(m.month)}, day{1}};
  const Date last{year_month_day_last{year{m.year}, month_day_last{month{static_cast<unsigned>(m.month)}}}};
  for (const auto& i : iv)
    if (i.start <= first && (!i.end || *i.end > last)) return true;
  return false;
}

std::set<YearMonth> exempt_months(std::span<const Interval> iv, YearMonth from, YearMonth to) {
  std::set<YearMonth> out;
  for (auto m = from; m <= to; m = m.next())
    if (wholly_suspended(iv, m)) out.insert(m);
  return out;
}

std::optional<std::string> date_problem(Kind k, Date date, Date today, Date accepted, std::span<const Interval> iv) {
  const auto what = std::string(label(k));
  if (date > today) return what + "日期不能晚于今天（" + format_date(today) + "）";
  if (date < accepted) return what + "日期不能早于申报受理日期 " + format_date(accepted);
  if (k == Kind::suspend && !iv.empty() && iv.back().end && date < *iv.back().end)
    return "中止日期不能早于上次恢复日期 " + format_date(*iv.back().end);
  if (k == Kind::resume && !iv.empty() && !iv.back().end && date <= iv.back().start)
    return "恢复日期应晚于中止日期 " + format_date(iv.back().start);
  return std::nullopt;
}

}  // namespace qsm::domain::management
