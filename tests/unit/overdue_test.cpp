// Overdue monthly evaluations at the boundary days (Asia/Shanghai dates): the 10th and the 15th of the
// following month are still on time, the 11th and the 16th are late; who is late follows the state; a
// self sheet submitted late leaves the review 5 days after its submission (issue 26).
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/workflow/overdue.hpp"

namespace qsm::domain::overdue {
namespace {

Date d(const char* s) { return *parse_date(s); }
YearMonth ym(const char* s) { return *YearMonth::parse(s); }
using S = monthly::State;

// A month can be late in the states of kMayBeLate and in no other (the overdue months read only those).
TEST(Overdue, OnlyTheStatesThatMayBeLateAreEverLate) {
  const Deadlines dl;
  for (auto state : {S::draft, S::submitted, S::reviewed, S::filed, S::registered}) {
    const bool listed = std::find(kMayBeLate.begin(), kMayBeLate.end(), state) != kMayBeLate.end();
    const auto late = lateness(ym("2026-03"), state, d("2026-04-02"), d("2027-01-01"), dl);
    EXPECT_EQ(late.what != Lateness::none, listed) << monthly::to_string(state);
  }
}

TEST(Overdue, BoundaryDaysAndStates) {
  const Deadlines dl;
  struct Case {
    const char* month;
    std::optional<S> state;
    const char* today;
    Lateness want;
  };
  const Case cases[] = {
      {"2026-03", std::nullopt, "2026-04-10", Lateness::none},        // the 10th is on time
      {"2026-03", std::nullopt, "2026-04-11", Lateness::submission},  // not even created
      {"2026-03", S::draft, "2026-04-11", Lateness::submission},
      {"2026-03", S::draft, "2026-04-20", Lateness::submission},      // the contractor still blocks it
      {"2026-03", S::submitted, "2026-04-15", Lateness::none},        // the 15th is on time
      {"2026-03", S::submitted, "2026-04-16", Lateness::review},
      {"2026-03", S::reviewed, "2026-04-16", Lateness::review},
      {"2026-03", S::filed, "2026-05-01", Lateness::none},
      {"2026-03", S::registered, "2026-12-01", Lateness::none},
      {"2026-12", std::nullopt, "2027-01-11", Lateness::submission},  // across the year end
      {"2026-12", S::submitted, "2027-01-16", Lateness::review},
      {"2026-04", std::nullopt, "2026-04-30", Lateness::none},        // the month itself is never late
  };
  for (const auto& c : cases)
    EXPECT_EQ(lateness(ym(c.month), c.state, d("2026-04-09"), d(c.today), dl).what, c.want) << c.month << " " << c.today;
  EXPECT_EQ(lateness(ym("2026-03"), std::nullopt, std::nullopt, d("2026-04-06"), Deadlines{5, 8}).what, Lateness::submission);
  EXPECT_EQ(lateness(ym("2026-03"), S::submitted, d("2026-04-05"), d("2026-04-09"), Deadlines{5, 8, 1}), (Late{Lateness::review, d("2026-04-08")}));
  EXPECT_EQ(lateness(ym("2026-03"), std::nullopt, std::nullopt, d("2026-04-11"), dl), (Late{Lateness::submission, d("2026-04-10")}));
  EXPECT_EQ(label(Lateness::submission), "自评逾期未提交");
  EXPECT_EQ(label(Lateness::review), "复核逾期未提交");
  EXPECT_TRUE(Deadlines{}.valid());
  EXPECT_FALSE((Deadlines{16, 15}.valid()));
  EXPECT_FALSE((Deadlines{10, 31}.valid()));
  EXPECT_FALSE((Deadlines{10, 15, 0}.valid()));
}

// The review's due date when the self sheet came late: the 15th, or 5 days after the submission,
// whichever is later; the supervisor is never late on the day it receives the sheet.
TEST(Overdue, ALateSubmissionLeavesTheReviewerItsDays) {
  const Deadlines dl;
  struct Case {
    const char* submitted;
    const char* due;
  };
  const Case cases[] = {
      {"2026-04-01", "2026-04-15"},  // early: the 15th
      {"2026-04-10", "2026-04-15"},  // on the last day: the 15th
      {"2026-04-11", "2026-04-16"},  // a day late: 5 days after
      {"2026-04-14", "2026-04-19"},
      {"2026-04-20", "2026-04-25"},  // after the review day itself
      {"2026-05-29", "2026-06-03"},  // weeks late, across a month end
      {"2027-01-30", "2027-02-04"},  // the December month submitted at the end of January
  };
  for (const auto& c : cases) {
    const auto month = std::string(c.submitted).starts_with("2027") ? ym("2026-12") : ym("2026-03");
    EXPECT_EQ(review_due(month, d(c.submitted), dl), d(c.due)) << c.submitted;
    // On time up to the due day inclusive, late the day after; the day of submission is never late.
    EXPECT_EQ(lateness(month, S::submitted, d(c.submitted), d(c.submitted), dl).what, Lateness::none) << c.submitted;
    EXPECT_EQ(lateness(month, S::submitted, d(c.submitted), d(c.due), dl).what, Lateness::none) << c.submitted;
    const Date after{std::chrono::sys_days(d(c.due)) + std::chrono::days(1)};
    EXPECT_EQ(lateness(month, S::reviewed, d(c.submitted), after, dl), (Late{Lateness::review, d(c.due)})) << c.submitted;
  }
}

TEST(Overdue, LateMonthsSkipExemptMonthsAndInactiveProjects) {
  monthly::Calendar cal;
  cal.accepted = ym("2026-01");
  cal.current = ym("2026-05");
  cal.exempt = {ym("2026-03")};
  const std::map<YearMonth, MonthState> months{{ym("2026-01"), {S::filed, d("2026-02-05")}}, {ym("2026-02"), {S::submitted, d("2026-03-09")}}};
  const auto late = late_months(cal, months, d("2026-05-20"), Deadlines{});
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0], std::pair(ym("2026-02"), Late{Lateness::review, d("2026-03-15")}));
  EXPECT_EQ(late[1], std::pair(ym("2026-04"), Late{Lateness::submission, d("2026-05-10")}));  // March suspended, May not due yet
  cal.active = false;
  EXPECT_TRUE(late_months(cal, months, d("2026-05-20"), Deadlines{}).empty());
}

// Which declarations the overdue months read whole: a declaration the predicate passes over has no
// late month, whatever its suspensions; one with every due month and none late is passed over.
TEST(Overdue, ADeclarationIsReadWholeOnlyWhenItMayHaveALateMonth) {
  const Deadlines dl;
  using Pending = std::vector<std::pair<YearMonth, MonthState>>;
  struct Case {
    const char* what;
    const char *accepted, *first, *last;
    std::int64_t n;
    Pending pending;
    const char* today;
    bool may;
  };
  const Case cases[] = {
      {"every due month, none pending", "2026-01", "2026-01", "2026-04", 4, {}, "2026-05-20", false},
      {"April not due before the 10th", "2026-01", "2026-01", "2026-03", 3, {}, "2026-05-10", false},
      {"April due after the 10th", "2026-01", "2026-01", "2026-03", 3, {}, "2026-05-11", true},
      {"a gap in the span", "2026-01", "2026-01", "2026-04", 3, {}, "2026-05-20", true},
      {"the first month missing", "2026-01", "2026-02", "2026-04", 3, {}, "2026-05-20", true},
      {"months before the acceptance too", "2026-03", "2026-01", "2026-04", 4, {}, "2026-05-20", false},
      {"no month yet, none due", "2026-05", nullptr, nullptr, 0, {}, "2026-05-20", false},
      {"no month, one due", "2026-04", nullptr, nullptr, 0, {}, "2026-05-11", true},
      {"a draft on time", "2026-01", "2026-01", "2026-04", 4, {{ym("2026-04"), {S::draft, std::nullopt}}}, "2026-05-10", false},
      {"a draft late", "2026-01", "2026-01", "2026-04", 4, {{ym("2026-04"), {S::draft, std::nullopt}}}, "2026-05-11", true},
      {"a review on time", "2026-01", "2026-01", "2026-04", 4, {{ym("2026-04"), {S::submitted, d("2026-05-09")}}}, "2026-05-15", false},
      {"a review late", "2026-01", "2026-01", "2026-04", 4, {{ym("2026-04"), {S::reviewed, d("2026-05-09")}}}, "2026-05-16", true},
      {"a late submission's review in its days", "2026-01", "2026-01", "2026-04", 4, {{ym("2026-04"), {S::submitted, d("2026-05-14")}}},
       "2026-05-19", false},
  };
  for (const auto& c : cases) {
    const auto first = c.first ? std::optional(ym(c.first)) : std::nullopt, last = c.last ? std::optional(ym(c.last)) : std::nullopt;
    EXPECT_EQ(may_have_late_months(ym(c.accepted), first, last, c.n, c.pending, d(c.today), dl), c.may) << c.what;
  }
}

// Every declaration of a small world (acceptance, months of every state or none, a suspended month,
// the day): when the predicate passes it over, late_months finds nothing; without a suspension, and
// months from its acceptance on, it passes over every one late_months finds nothing in.
TEST(Overdue, TheDeclarationsPassedOverHaveNoLateMonth) {
  const Deadlines dl;
  const std::vector<std::optional<S>> states{std::nullopt, S::draft, S::submitted, S::reviewed, S::filed};
  int passed_over = 0, read = 0;
  for (const char* today : {"2026-04-10", "2026-04-11", "2026-04-16", "2026-04-30"})
    for (int code = 0; code < 5 * 5 * 5; ++code)  // the states of January, February and March (none: missing)
      for (bool suspended : {false, true}) {
        monthly::Calendar cal;
        cal.accepted = ym("2026-01");
        cal.current = YearMonth::of(d(today));
        if (suspended) cal.exempt = {ym("2026-02")};
        std::map<YearMonth, MonthState> months;
        std::vector<std::pair<YearMonth, MonthState>> pending;
        std::optional<YearMonth> first, last;
        std::int64_t n = 0;
        for (int i = 0, rest = code; i < 3; ++i, rest /= 5) {
          const auto state = states[static_cast<std::size_t>(rest % 5)];
          if (!state) continue;
          const YearMonth m{2026, i + 1};
          const MonthState ms{*state, *state == S::draft ? std::nullopt : std::optional(d("2026-04-08"))};
          months.emplace(m, ms);
          if (std::find(kMayBeLate.begin(), kMayBeLate.end(), *state) != kMayBeLate.end()) pending.emplace_back(m, ms);
          if (!first) first = m;
          last = m;
          ++n;
        }
        const bool may = may_have_late_months(cal.accepted, first, last, n, pending, d(today), dl);
        const bool late = !late_months(cal, months, d(today), dl).empty();
        if (!may) EXPECT_FALSE(late) << "passed over with a late month: " << code << " " << today << (suspended ? " suspended" : "");
        if (!suspended) EXPECT_EQ(may, late) << code << " " << today;
        (may ? read : passed_over) += 1;
      }
  EXPECT_GT(passed_over, 0);
  EXPECT_GT(read, 0);
}

}  // namespace
}  // namespace qsm::domain::overdue
