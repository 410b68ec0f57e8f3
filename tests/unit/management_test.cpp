// Suspension, resumption and termination (SPEC §3.2/§3.7/§3.8): the request machine for each kind,
// the one-request-in-progress rule, the dates a request may carry, the suspension intervals and the
// exemption of wholly suspended months in the monthly and completion rules.
#include <gtest/gtest.h>

#include "domain/workflow/completion.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "machine_check.hpp"

namespace qsm::domain::management {
namespace {

Date d(const char* s) { return *parse_date(s); }
YearMonth ym(const char* s) { return *YearMonth::parse(s); }

constexpr std::array kStates{State::pending_review, State::pending_registration, State::registered, State::withdrawn};
constexpr std::array kActions{Action::review, Action::register_, Action::withdraw};
constexpr std::array kKinds{Kind::suspend, Kind::resume, Kind::terminate};

using Spec = Allowed<State, Action>;
constexpr std::array kSuspensionSpec{
    Spec{State::pending_review, Action::review, Role::site_supervisor, State::pending_registration},
    Spec{State::pending_registration, Action::register_, Role::authority, State::registered},
    Spec{State::pending_review, Action::withdraw, Role::contractor, State::withdrawn},
};

TEST(ManagementRequestMachine, SuspensionAndResumptionEveryCombination) {
  for (auto kind : {Kind::suspend, Kind::resume}) {
    auto name = [&](State s, Action a, Role r) {
      return std::string(to_string(kind)) + " " + std::string(to_string(s)) + " " + std::string(to_string(a)) + " " +
             std::string(domain::to_string(r));
    };
    auto decide_kind = [&](State s, Action a, Role r) { return decide(kind, s, a, r); };
    EXPECT_EQ(check_machine(kStates, kActions, kSuspensionSpec, decide_kind, name), 3);
  }
}

TEST(ManagementRequestMachine, ATerminationIsNeverWithdrawn) {
  const std::array spec{kSuspensionSpec[0], kSuspensionSpec[1]};
  auto name = [](State s, Action a, Role r) {
    return std::string(to_string(s)) + " " + std::string(to_string(a)) + " " + std::string(domain::to_string(r));
  };
  constexpr std::array actions{Action::review, Action::register_};
  auto decide_termination = [](State s, Action a, Role r) { return decide(Kind::terminate, s, a, r); };
  EXPECT_EQ(check_machine(kStates, actions, spec, decide_termination, name), 2);
  for (auto s : kStates) {
    try {
      decide(Kind::terminate, s, Action::withdraw, Role::contractor);
      ADD_FAILURE() << "a termination was withdrawn in " << to_string(s);
    } catch (const Failure& f) {
      EXPECT_EQ(f.error(), Error::forbidden);
    }
  }
  EXPECT_TRUE(available(Kind::terminate, State::pending_review, Role::contractor).empty());
  EXPECT_EQ(available(Kind::suspend, State::pending_review, Role::contractor), std::vector{Action::withdraw});
}

TEST(ManagementRequestMachine, LabelsAreTheManualsWords) {
  struct Case {
    Kind kind;
    State state;
    std::string_view label;
  };
  const Case cases[] = {
      {Kind::suspend, State::pending_review, "已中止待复核"},
      {Kind::resume, State::pending_review, "已中止恢复待复核"},
      {Kind::terminate, State::pending_review, "已终止待复核"},
      {Kind::suspend, State::pending_registration, "已复核中止待监督信息登记"},
      {Kind::resume, State::pending_registration, "已复核中止恢复待监督信息登记"},
      {Kind::terminate, State::pending_registration, "已复核终止待监督信息登记"},
      {Kind::suspend, State::registered, "已登记"},
      {Kind::terminate, State::registered, "已登记"},
      {Kind::resume, State::withdrawn, "已撤回"},
  };
  for (const auto& c : cases) EXPECT_EQ(label(c.state, c.kind), c.label) << to_string(c.kind) << " " << to_string(c.state);
  EXPECT_EQ(label(Action::review, Kind::suspend), "复核中止");
  EXPECT_EQ(label(Action::review, Kind::resume), "复核恢复");
  EXPECT_EQ(label(Action::review, Kind::terminate), "复核终止");
  EXPECT_EQ(label(Action::register_, Kind::suspend), "中止备案");
  EXPECT_EQ(label(Action::register_, Kind::resume), "恢复备案");
  EXPECT_EQ(label(Action::register_, Kind::terminate), "终止备案");
  EXPECT_EQ(management::kSuspensionSpec.m.action_label("request"), "申请中止");
  EXPECT_EQ(kResumptionSpec.m.action_label("register"), "恢复备案");
  EXPECT_EQ(kTerminationSpec.m.state_label("pending_registration"), "已复核终止待监督信息登记");
  // Registering a request moves the management status by its change, from the status it was made in.
  auto after = [](Kind k, Status from) { return kStatusSpec.to(*kStatusSpec.system_step(from, registered_change(k))); };
  EXPECT_EQ(after(Kind::suspend, Status::active), Status::suspended);
  EXPECT_EQ(after(Kind::resume, Status::suspended), Status::active);
  EXPECT_EQ(after(Kind::terminate, Status::active), Status::terminated);
  EXPECT_EQ(after(Kind::terminate, Status::suspended), Status::terminated);
  EXPECT_EQ(kStatusSpec.system_step(Status::active, registered_change(Kind::resume)), nullptr);
  EXPECT_EQ(kStatusSpec.system_step(Status::completed, registered_change(Kind::terminate)), nullptr);
  for (auto k : kKinds) EXPECT_EQ(kind_from(to_string(k)), k);
}

// ── one request in progress, in the right management status ──────────────────────────────────────

TEST(ManagementRequests, EachRequestNeedsItsStatusAndNoOtherRequestInProgress) {
  const std::optional<OpenRequest> none;
  const std::optional<OpenRequest> completion = OpenRequest{Open::completion, "竣工评价待复核"};
  const std::optional<OpenRequest> suspension = OpenRequest{Open::suspension, "已中止待复核"};
  const std::optional<OpenRequest> termination = OpenRequest{Open::termination, "已复核终止待监督信息登记"};
  struct Case {
    const char* name;
    Request request;
    Status status;
    std::optional<OpenRequest> open;
    std::optional<std::string_view> refusal;  // a part of the message, or nullopt when allowed
  };
  const Case cases[] = {
      {"suspend an active project", Request::suspend, Status::active, none, std::nullopt},
      {"suspend a suspended project", Request::suspend, Status::suspended, none, "工程当前为「已中止」，不能申请中止"},
      {"suspend while a completion is pending", Request::suspend, Status::active, completion, "进行中的竣工评价（竣工评价待复核），办结后才能申请中止"},
      {"suspend while a termination is pending", Request::suspend, Status::active, termination, "进行中的终止申请"},
      {"resume when active", Request::resume, Status::active, none, "工程当前为「评价中」，不能申请恢复"},
      {"resume a suspended project", Request::resume, Status::suspended, none, std::nullopt},
      {"resume while a resumption is pending", Request::resume, Status::suspended, suspension, "进行中的中止/恢复申请"},
      {"terminate an active project", Request::terminate, Status::active, none, std::nullopt},
      {"terminate a suspended project", Request::terminate, Status::suspended, none, std::nullopt},
      {"terminate a completed project", Request::terminate, Status::completed, none, "工程当前为「已竣工」，不能申请终止"},
      {"terminate a terminated project", Request::terminate, Status::terminated, none, "工程当前为「已终止」"},
      {"terminate while suspending", Request::terminate, Status::active, suspension, "办结后才能申请终止"},
      {"complete an active project", Request::apply_completion, Status::active, none, std::nullopt},
      {"complete a suspended project", Request::apply_completion, Status::suspended, none, "工程当前为「已中止」，不能申请竣工评价"},
      {"complete while suspending", Request::apply_completion, Status::active, suspension, "办结后才能申请竣工评价"},
  };
  for (const auto& c : cases) {
    auto why = refusal(c.request, c.status, c.open);
    if (!c.refusal) {
      EXPECT_FALSE(why) << c.name << ": " << why.value_or("");
      EXPECT_NO_THROW(check_request(c.request, c.status, c.open)) << c.name;
      continue;
    }
    ASSERT_TRUE(why) << c.name;
    EXPECT_NE(why->find(*c.refusal), std::string::npos) << c.name << ": " << *why;
    try {
      check_request(c.request, c.status, c.open);
      ADD_FAILURE() << c.name;
    } catch (const Failure& f) {
      EXPECT_EQ(f.error(), Error::invalid_transition) << c.name;
    }
  }
  EXPECT_EQ(requestable(Status::active, none), (std::vector{Request::suspend, Request::terminate, Request::apply_completion}));
  EXPECT_EQ(requestable(Status::suspended, none), (std::vector{Request::resume, Request::terminate}));
  EXPECT_TRUE(requestable(Status::active, completion).empty());
  EXPECT_TRUE(requestable(Status::completed, none).empty());
  EXPECT_TRUE(requestable(Status::terminated, none).empty());
}

TEST(ManagementRequests, TheDatesARequestMayCarry) {
  const std::vector<Interval> never;
  const std::vector<Interval> open{{d("2026-03-10"), std::nullopt}};
  const std::vector<Interval> closed{{d("2026-03-10"), d("2026-04-20")}};
  struct Case {
    const char* name;
    Kind kind;
    const char* date;
    const std::vector<Interval>& iv;
    std::optional<std::string_view> problem;
  };
  const Case cases[] = {
      {"suspend today", Kind::suspend, "2026-05-10", never, std::nullopt},
      {"suspend on the acceptance day", Kind::suspend, "2026-03-01", never, std::nullopt},
      {"suspend tomorrow", Kind::suspend, "2026-05-11", never, "不能晚于今天"},
      {"suspend before acceptance", Kind::suspend, "2026-02-28", never, "不能早于申报受理日期 2026-03-01"},
      {"suspend again on the resumption day", Kind::suspend, "2026-04-20", closed, std::nullopt},
      {"suspend again before the resumption", Kind::suspend, "2026-04-19", closed, "不能早于上次恢复日期 2026-04-20"},
      {"resume after the start", Kind::resume, "2026-03-11", open, std::nullopt},
      {"resume on the start day", Kind::resume, "2026-03-10", open, std::nullopt},
      {"resume before the start", Kind::resume, "2026-03-09", open, "恢复日期不能早于中止日期 2026-03-10"},
      {"resume tomorrow", Kind::resume, "2026-05-11", open, "不能晚于今天"},
  };
  for (const auto& c : cases) {
    auto p = date_problem(c.kind, d(c.date), d("2026-05-10"), d("2026-03-01"), c.iv);
    if (!c.problem) {
      EXPECT_FALSE(p) << c.name << ": " << p.value_or("");
    } else {
      ASSERT_TRUE(p) << c.name;
      EXPECT_NE(p->find(*c.problem), std::string::npos) << c.name << ": " << *p;
    }
  }
}

// ── intervals and exempt months ──────────────────────────────────────────────────────────────────

TEST(SuspensionIntervals, RegisteredRequestsPairUpInOrder) {
  const std::vector<Registered> history{{Kind::suspend, d("2026-01-15")}, {Kind::resume, d("2026-03-01")},
                                        {Kind::resume, d("2026-03-05")},  // no open interval: ignored
                                        {Kind::suspend, d("2026-06-01")}, {Kind::suspend, d("2026-06-20")}};  // already open: ignored
  const auto iv = intervals(history);
  ASSERT_EQ(iv.size(), 2u);
  EXPECT_EQ(iv[0], (Interval{d("2026-01-15"), d("2026-03-01")}));
  EXPECT_EQ(iv[1], (Interval{d("2026-06-01"), std::nullopt}));
  EXPECT_TRUE(intervals({}).empty());
}

TEST(SuspensionIntervals, OnlyWhollySuspendedMonthsAreExempt) {
  struct Case {
    const char* name;
    Interval iv;
    const char* month;
    bool exempt;
  };
  const Case cases[] = {
      {"from the 1st to the next month's 1st", {d("2026-03-01"), d("2026-04-01")}, "2026-03", true},
      {"resumed on the month's last day", {d("2026-03-01"), d("2026-03-31")}, "2026-03", false},
      {"suspended from the 2nd", {d("2026-03-02"), d("2026-05-01")}, "2026-03", false},
      {"a month in the middle", {d("2026-03-02"), d("2026-05-01")}, "2026-04", true},
      {"the resumption month", {d("2026-03-02"), d("2026-05-01")}, "2026-05", false},
      {"february of a leap year", {d("2028-02-01"), d("2028-03-01")}, "2028-02", true},
      {"february resumed on the 29th", {d("2028-02-01"), d("2028-02-29")}, "2028-02", false},
      {"still suspended: every later month", {d("2026-03-01"), std::nullopt}, "2027-01", true},
      {"still suspended: not the month before", {d("2026-03-01"), std::nullopt}, "2026-02", false},
      {"across the year end", {d("2025-12-01"), d("2026-02-01")}, "2026-01", true},
      {"resumed on the suspension's own 1st: nothing", {d("2026-03-01"), d("2026-03-01")}, "2026-03", false},
  };
  for (const auto& c : cases) {
    const std::array iv{c.iv};
    EXPECT_EQ(wholly_suspended(iv, ym(c.month)), c.exempt) << c.name;
  }
  const std::vector<Interval> two{{d("2026-01-10"), d("2026-03-01")}, {d("2026-05-01"), std::nullopt}};
  EXPECT_EQ(exempt_months(two, ym("2026-01"), ym("2026-07")), (std::set{ym("2026-02"), ym("2026-05"), ym("2026-06"), ym("2026-07")}));
}

// The exemption as the monthly rule sees it: a suspended month is skipped, the month after resumption
// follows the last month evaluated before the suspension, and a suspended project says since when.
TEST(SuspensionIntervals, TheMonthlyRuleSkipsExemptMonths) {
  const std::vector<Interval> iv{{d("2026-03-01"), d("2026-05-01")}};
  monthly::Calendar cal;
  cal.accepted = ym("2026-02");
  cal.current = ym("2026-05");
  cal.existing = {ym("2026-02")};
  cal.exempt = exempt_months(iv, cal.accepted, cal.current);
  EXPECT_EQ(monthly::next_month(cal).period, ym("2026-05"));
  EXPECT_NO_THROW(monthly::check_create(cal, ym("2026-05")));
  EXPECT_THROW(monthly::check_create(cal, ym("2026-03")), Failure);

  cal.active = false;
  cal.management_label = "已中止";
  cal.suspended_since = d("2026-03-01");
  auto next = monthly::next_month(cal);
  EXPECT_FALSE(next.period);
  EXPECT_NE(next.reason.find("工程已于 2026-03-01 中止，恢复备案后才能继续月度评价"), std::string::npos) << next.reason;
  try {
    monthly::check_create(cal, ym("2026-05"));
    ADD_FAILURE() << "a suspended project took an evaluation";
  } catch (const Failure& f) {
    EXPECT_EQ(f.error(), Error::invalid_transition);
    EXPECT_NE(std::string(f.what()).find("2026-03-01 中止"), std::string::npos) << f.what();
  }
}

TEST(SuspensionIntervals, TheCompletionRuleExemptsWhollySuspendedMonthsAndTheirQuarters) {
  const std::vector<Interval> iv{{d("2026-03-15"), d("2026-07-01")}};
  completion::Record r;
  r.accepted = ym("2026-02");
  r.today = d("2026-07-20");  // after the 15th: July is due
  r.exempt = exempt_months(iv, r.accepted, ym("2026-07"));
  r.months = {{ym("2026-02"), monthly::State::registered}, {ym("2026-03"), monthly::State::registered}, {ym("2026-07"), monthly::State::filed}};
  r.quarters = {{Quarter{2026, 1}, quarterly::State::registered}};
  auto k = completion::check_completeness(r);
  EXPECT_TRUE(k.missing_months.empty());  // April–June suspended throughout
  // Q2 has no due month left; Q3's July waits for its registration.
  EXPECT_EQ(k.unregistered_quarters, std::vector{(Quarter{2026, 3})});
  r.quarters[Quarter{2026, 3}] = quarterly::State::registered;
  EXPECT_TRUE(completion::check_completeness(r).complete());
}

}  // namespace
}  // namespace qsm::domain::management
