// Overdue monthly evaluations at the boundary days (Asia/Shanghai dates): the 10th and the 15th of the
// following month are still on time, the 11th and the 16th are late; who is late follows the state.
#include <gtest/gtest.h>

#include "domain/workflow/overdue.hpp"

namespace qsm::domain::overdue {
namespace {

Date d(const char* s) { return *parse_date(s); }
YearMonth ym(const char* s) { return *YearMonth::parse(s); }
using S = monthly::State;

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
    EXPECT_EQ(lateness(ym(c.month), c.state, d(c.today), dl), c.want) << c.month << " " << c.today;
  EXPECT_EQ(lateness(ym("2026-03"), std::nullopt, d("2026-04-06"), Deadlines{5, 8}), Lateness::submission);
  EXPECT_EQ(lateness(ym("2026-03"), S::submitted, d("2026-04-09"), Deadlines{5, 8}), Lateness::review);
  EXPECT_EQ(label(Lateness::submission), "自评逾期未提交");
  EXPECT_EQ(label(Lateness::review), "复核逾期未提交");
  EXPECT_TRUE(Deadlines{}.valid());
  EXPECT_FALSE((Deadlines{16, 15}.valid()));
  EXPECT_FALSE((Deadlines{10, 31}.valid()));
}

TEST(Overdue, LateMonthsSkipExemptMonthsAndInactiveProjects) {
  monthly::Calendar cal;
  cal.accepted = ym("2026-01");
  cal.current = ym("2026-05");
  cal.existing = {{ym("2026-01"), S::filed}, {ym("2026-02"), S::submitted}};
  cal.exempt = {ym("2026-03")};
  const auto late = late_months(cal, d("2026-05-20"), Deadlines{});
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0], std::pair(ym("2026-02"), Lateness::review));
  EXPECT_EQ(late[1], std::pair(ym("2026-04"), Lateness::submission));  // March suspended, May not due yet
  cal.active = false;
  EXPECT_TRUE(late_months(cal, d("2026-05-20"), Deadlines{}).empty());
}

}  // namespace
}  // namespace qsm::domain::overdue
