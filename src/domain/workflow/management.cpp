// Management requests: labels per kind, decisions, the one-request-in-progress rule, intervals.
#include "domain/workflow/management.hpp"

#include <boost/json/object.hpp>

#include "domain/named.hpp"

namespace qsm::domain::management {
namespace {

constexpr std::array kKinds{
    Named<Kind>{Kind::suspend, "suspend", "中止"},
    Named<Kind>{Kind::resume, "resume", "恢复"},
    Named<Kind>{Kind::terminate, "terminate", "终止"},
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
static_assert(in_enum_order(kKinds) && in_enum_order(kRequests) && in_enum_order(kOpens));

// The management change a request leads to once registered.
Change change_of(Request r) {
  switch (r) {
    case Request::suspend: return Change::suspend;
    case Request::resume: return Change::resume;
    case Request::terminate: return Change::terminate;
    default: return Change::complete;
  }
}

}  // namespace

std::string_view to_string(Kind k) { return named(kKinds, k).code; }
std::string_view label(Kind k) { return named(kKinds, k).label; }
std::optional<Kind> kind_from(std::string_view s) { return from_code(kKinds, s); }
bool in_progress(State s) { return s == State::pending_review || s == State::pending_registration; }

const RequestSpec& spec_of(Kind k) {
  switch (k) {
    case Kind::suspend: return kSuspensionSpec;
    case Kind::resume: return kResumptionSpec;
    default: return kTerminationSpec;
  }
}

const workflow::Step& decide(Kind k, State from, Action action, Role role) {
  const auto& spec = spec_of(k);
  if (k == Kind::terminate && action == Action::withdraw) throw Failure(Error::forbidden, "终止申请不能撤回");
  workflow::Refusal why;
  if (const auto* t = workflow::find_step(spec.m, RequestSpec::at(from), RequestSpec::at(action), role, workflow::Branch::usual, why)) return *t;
  // The action labels name the kind already (复核中止, 恢复备案), so the role refusal does not repeat it.
  if (why == workflow::Refusal::role_never) throw Failure(Error::forbidden, "当前角色不能" + std::string(spec.label(action)));
  workflow::refuse(why, spec.m.name, spec.code(from), spec.label(from), spec.code(action), spec.label(action));
}

std::vector<Action> available(Kind k, State s, Role r) { return spec_of(k).available(s, r); }

Change registered_change(Kind k) {
  switch (k) {
    case Kind::suspend: return Change::suspend;
    case Kind::resume: return Change::resume;
    default: return Change::terminate;
  }
}

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
  // Whether the request may be made is whether the change it leads to may be made from this status.
  if (!kStatusSpec.system_step(s, change_of(r))) return "工程当前为「" + std::string(kStatusSpec.label(s)) + "」，不能" + std::string(label(r));
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
  // A resumption may be dated on its suspension's own day (issue 26: work stopped and resumed the same
  // day, or a suspension registered that morning): the interval is then empty and exempts no month.
  if (k == Kind::resume && !iv.empty() && !iv.back().end && date < iv.back().start)
    return "恢复日期不能早于中止日期 " + format_date(iv.back().start);
  return std::nullopt;
}

}  // namespace qsm::domain::management
