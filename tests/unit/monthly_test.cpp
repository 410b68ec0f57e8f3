// The monthly evaluation state machine (SPEC §3.3) and the calendar rule for creating a month.
#include <gtest/gtest.h>

#include "domain/period.hpp"
#include "domain/workflow/monthly.hpp"

namespace qsm::domain::monthly {
namespace {

constexpr std::array kAllStates{State::draft, State::submitted, State::reviewed, State::filed, State::registered};
constexpr std::array kAllActions{Action::save_self, Action::submit, Action::save_review, Action::review_submit};
constexpr std::array kAllRoles{Role::contractor, Role::supervisor, Role::site_contractor, Role::site_supervisor, Role::authority, Role::admin};

struct Allowed {
  State from;
  Action action;
  Role role;
  State to;
};

// SPEC §3.3, written out again independently of the implementation's table.
constexpr Allowed kRules[] = {
    {State::draft, Action::save_self, Role::contractor, State::draft},
    {State::draft, Action::submit, Role::contractor, State::submitted},
    {State::submitted, Action::save_review, Role::site_supervisor, State::reviewed},
    {State::reviewed, Action::save_review, Role::site_supervisor, State::reviewed},
    {State::reviewed, Action::review_submit, Role::site_supervisor, State::filed},
};

TEST(MonthlyStateMachine, EveryCombinationIsAllowedOrRefusedAsSpecSays) {
  int allowed = 0;
  for (State s : kAllStates)
    for (Action a : kAllActions)
      for (Role r : kAllRoles) {
        const Allowed* want = nullptr;
        bool role_ever = false;
        for (const auto& t : kRules) {
          if (t.action == a && t.role == r) role_ever = true;
          if (t.from == s && t.action == a && t.role == r) want = &t;
        }
        if (want) {
          EXPECT_EQ(kSpec.to(decide(s, a, r)), want->to) << to_string(s) << " " << to_string(a);
          ++allowed;
          continue;
        }
        try {
          decide(s, a, r);
          ADD_FAILURE() << to_string(s) << " " << to_string(a) << " " << domain::to_string(r) << " should be refused";
        } catch (const Failure& f) {
          EXPECT_EQ(f.error(), role_ever ? Error::invalid_transition : Error::forbidden)
              << to_string(s) << " " << to_string(a) << " " << domain::to_string(r);
        }
      }
  EXPECT_EQ(allowed, 5);
}

TEST(MonthlyStateMachine, LabelsAreTheManualsWords) {
  EXPECT_EQ(label(State::draft), "待提交");
  EXPECT_EQ(label(State::submitted), "已提交待复核评价");
  EXPECT_EQ(label(State::reviewed), "已复核待提交");
  EXPECT_EQ(label(State::filed), "已复核待季度评价监督信息登记");
  EXPECT_EQ(label(State::registered), "已季度登记");
  for (State s : kAllStates) EXPECT_EQ(state_from(to_string(s)), s);
}

TEST(MonthlyStateMachine, FiledAndRegisteredAreReadOnlyHere) {
  for (Role r : kAllRoles) {
    EXPECT_TRUE(available(State::filed, r).empty());
    EXPECT_TRUE(available(State::registered, r).empty());
  }
  EXPECT_EQ(available(State::draft, Role::contractor), (std::vector{Action::save_self, Action::submit}));
  EXPECT_EQ(available(State::reviewed, Role::site_supervisor), (std::vector{Action::save_review, Action::review_submit}));
}

YearMonth ym(const char* s) { return *YearMonth::parse(s); }

TEST(YearMonth, ParsesFormatsAndSteps) {
  EXPECT_EQ(ym("2026-03").to_string(), "2026-03");
  EXPECT_EQ(ym("2026-12").next(), ym("2027-01"));
  EXPECT_EQ(ym("2026-01").prev(), ym("2025-12"));
  EXPECT_EQ(ym("2026-03").quarter_string(), "2026-Q1");
  EXPECT_EQ(ym("2026-10").quarter_string(), "2026-Q4");
  for (const char* bad : {"2026-3", "2026-13", "2026-00", "26-03", "2026/03", "2026-03-01", ""}) EXPECT_FALSE(YearMonth::parse(bad)) << bad;
  // Shanghai's calendar: 2026-03-31T16:00Z is already April 1st in Shanghai.
  EXPECT_EQ(YearMonth::of(*parse_instant("2026-03-31T16:00:00Z")), ym("2026-04"));
  EXPECT_EQ(YearMonth::of(*parse_instant("2026-03-31T15:59:59Z")), ym("2026-03"));
}

Calendar calendar(const char* accepted, const char* current, std::vector<std::pair<const char*, State>> existing = {},
                  std::set<YearMonth> exempt = {}) {
  Calendar c;
  c.accepted = ym(accepted);
  c.current = ym(current);
  for (auto [p, s] : existing) {
    c.existing.insert(ym(p));
    if (s == State::draft) c.drafts.insert(ym(p));
  }
  c.exempt = std::move(exempt);
  c.management_label = "评价中";
  return c;
}

struct CreateCase {
  const char* name;
  Calendar cal;
  const char* period;
  std::optional<Error> refusal;  // nullopt: allowed
};

TEST(MonthlyCalendar, CreationFollowsTheMonthsInOrder) {
  auto suspended = calendar("2026-01", "2026-05");
  suspended.active = false;
  suspended.management_label = "已中止";
  const CreateCase cases[] = {
      {"first month is the acceptance month", calendar("2026-02", "2026-05"), "2026-02", std::nullopt},
      {"acceptance month is the current month", calendar("2026-05", "2026-05"), "2026-05", std::nullopt},
      {"before acceptance", calendar("2026-02", "2026-05"), "2026-01", Error::validation_failed},
      {"future month", calendar("2026-02", "2026-05"), "2026-06", Error::validation_failed},
      {"skipping the first month", calendar("2026-02", "2026-05"), "2026-03", Error::validation_failed},
      {"previous month submitted", calendar("2026-02", "2026-05", {{"2026-02", State::submitted}}), "2026-03", std::nullopt},
      {"previous month filed", calendar("2026-02", "2026-05", {{"2026-02", State::filed}}), "2026-03", std::nullopt},
      {"previous month still a draft", calendar("2026-02", "2026-05", {{"2026-02", State::draft}}), "2026-03", Error::validation_failed},
      {"skipping a month", calendar("2026-02", "2026-05", {{"2026-02", State::filed}}), "2026-04", Error::validation_failed},
      {"month exists", calendar("2026-02", "2026-05", {{"2026-02", State::draft}}), "2026-02", Error::conflict},
      {"across the year end", calendar("2025-11", "2026-01", {{"2025-11", State::filed}, {"2025-12", State::reviewed}}), "2026-01", std::nullopt},
      {"a wholly suspended month is skipped", calendar("2026-02", "2026-05", {{"2026-02", State::filed}}, {ym("2026-03")}), "2026-04", std::nullopt},
      {"a wholly suspended month needs nothing", calendar("2026-02", "2026-05", {{"2026-02", State::filed}}, {ym("2026-03")}), "2026-03", Error::validation_failed},
      {"not active", suspended, "2026-01", Error::invalid_transition},
  };
  for (const auto& c : cases) {
    try {
      check_create(c.cal, ym(c.period));
      EXPECT_FALSE(c.refusal) << c.name << ": should be refused";
    } catch (const Failure& f) {
      ASSERT_TRUE(c.refusal) << c.name << ": refused with " << f.what();
      EXPECT_EQ(f.error(), *c.refusal) << c.name << ": " << f.what();
    }
  }
}

// A declaration's months as its row counts them (first, last, how many) are every month between
// only when none is missing; otherwise the months must be read.
TEST(MonthlyCalendar, AWholeSpanIsEveryMonthFromTheFirstToTheLast) {
  struct Case {
    const char *first, *last;
    std::int64_t n;
    std::vector<const char*> months;  // empty: not whole
  } cases[] = {
      {"2026-02", "2026-02", 1, {"2026-02"}},
      {"2026-02", "2026-04", 3, {"2026-02", "2026-03", "2026-04"}},
      {"2025-11", "2026-02", 4, {"2025-11", "2025-12", "2026-01", "2026-02"}},
      {"2026-02", "2026-04", 2, {}},  // one month missing between
      {"2026-02", "2026-04", 4, {}},  // more than fit (not a state the rows can reach)
      {"2026-02", "2026-02", 0, {}},
      {"2026-04", "2026-02", 1, {}},
      {"2020-01", "2026-12", 1, {}},
  };
  for (const auto& c : cases) {
    const auto span = whole_span(ym(c.first), ym(c.last), c.n);
    ASSERT_EQ(span.has_value(), !c.months.empty()) << c.first << " " << c.last << " " << c.n;
    if (!span) continue;
    std::set<YearMonth> expected;
    for (const char* m : c.months) expected.insert(ym(m));
    EXPECT_EQ(*span, expected) << c.first << " " << c.last;
  }
}

TEST(MonthlyCalendar, NextMonthNamesTheMonthOrTheReason) {
  EXPECT_EQ(next_month(calendar("2026-02", "2026-05")).period, ym("2026-02"));
  EXPECT_EQ(next_month(calendar("2026-02", "2026-05", {{"2026-02", State::submitted}})).period, ym("2026-03"));
  auto waiting = next_month(calendar("2026-02", "2026-05", {{"2026-02", State::draft}}));
  EXPECT_FALSE(waiting.period);
  EXPECT_NE(waiting.reason.find("2026-02 的月度评价尚未提交"), std::string::npos) << waiting.reason;
  auto done = next_month(calendar("2026-04", "2026-05", {{"2026-04", State::filed}, {"2026-05", State::submitted}}));
  EXPECT_FALSE(done.period);
  EXPECT_NE(done.reason.find("2026-06"), std::string::npos) << done.reason;
}

}  // namespace
}  // namespace qsm::domain::monthly
