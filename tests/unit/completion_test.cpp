// The quarterly registration and completion state machines (SPEC §3.5/§3.6), grades and means,
// and the completeness rule with its 15th-day boundary in Asia/Shanghai.
#include <gtest/gtest.h>

#include "domain/grade.hpp"
#include "domain/period.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/quarterly.hpp"
#include "machine_check.hpp"

namespace qsm::domain {
namespace {

// ── quarterly ────────────────────────────────────────────────────────────────────────────────

namespace dq = quarterly;

TEST(QuarterlyStateMachine, OnlyTheAuthorityRegistersAPendingQuarter) {
  constexpr std::array states{dq::State::pending, dq::State::registered};
  constexpr std::array actions{dq::Action::register_};
  constexpr std::array spec{Allowed<dq::State, dq::Action>{dq::State::pending, dq::Action::register_, Role::authority, dq::State::registered}};
  auto name = [](dq::State s, dq::Action a, Role r) {
    return std::string(dq::to_string(s)) + " " + std::string(dq::to_string(a)) + " " + std::string(domain::to_string(r));
  };
  EXPECT_EQ((check_machine(states, actions, spec, dq::decide, name)), 1);
  EXPECT_EQ(dq::label(dq::State::pending), "待信息登记");
  EXPECT_EQ(dq::label(dq::State::registered), "已登记");
}

TEST(QuarterlyRegistration, AMonthFiledOpensTheQuarterAndReopensARegisteredOne) {
  EXPECT_EQ(dq::on_month_filed(std::nullopt), "open");
  EXPECT_EQ(dq::on_month_filed(dq::State::pending), std::nullopt);  // stays pending, score updated
  EXPECT_EQ(dq::on_month_filed(dq::State::registered), "reopen");   // 补充登记
}

TEST(QuarterlyRegistration, ScoreIsTheExactMeanRoundedHalfUp) {
  const GradeThresholds t;
  auto p = [](std::int64_t h) { return Points::from_hundredths(h); };
  struct Case {
    std::vector<Points> scores;
    std::int64_t want;
    Grade grade;
  };
  const Case cases[] = {
      {{p(9850), p(9850), p(9800)}, 9833, Grade::excellent},  // 98.3333…
      {{p(8001), p(8000)}, 8001, Grade::excellent},           // 80.005 → 80.01
      {{p(7999), p(8000)}, 8000, Grade::excellent},           // 79.995 → 80.00: the mean decides, not the parts
      {{p(7999), p(7998)}, 7999, Grade::qualified},           // 79.985 → 79.99
      {{p(7000)}, 7000, Grade::qualified},
      {{p(6999), p(7000), p(6999)}, 6999, Grade::unqualified},  // 69.9933…
      {{p(0), p(1)}, 1, Grade::unqualified},                    // 0.005 → 0.01
  };
  for (const auto& c : cases) {
    auto s = mean(c.scores);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->hundredths(), c.want);
    EXPECT_EQ(grade_of(*s, t), c.grade) << c.want;
  }
  EXPECT_FALSE(mean({}));
}

TEST(Grades, ThresholdsAreConfigurable) {
  const GradeThresholds strict{Points::whole(90), Points::whole(75)};
  ASSERT_TRUE(strict.valid());
  EXPECT_EQ(grade_of(Points::from_hundredths(8999), strict), Grade::qualified);
  EXPECT_EQ(grade_of(Points::whole(90), strict), Grade::excellent);
  EXPECT_EQ(grade_of(Points::from_hundredths(7499), strict), Grade::unqualified);
  EXPECT_FALSE((GradeThresholds{Points::whole(70), Points::whole(80)}.valid()));
  EXPECT_FALSE((GradeThresholds{Points::whole(101), Points::whole(80)}.valid()));
  EXPECT_EQ(label(Grade::excellent), "优良");
  EXPECT_EQ(grade_from("unqualified"), Grade::unqualified);
  EXPECT_EQ(grade_from("优良"), std::nullopt);
}

// The dashboard's distribution: each score in the first band it is below, the bounds in the next band.
TEST(Grades, ScoresFallInTheBandBelowWhoseBoundTheyAre) {
  struct Case {
    std::int64_t score;
    std::size_t band;
  };
  for (const auto& c : std::vector<Case>{{0, 0}, {5999, 0}, {6000, 1}, {6999, 1}, {7000, 2}, {7999, 2}, {8000, 3}, {8999, 3}, {9000, 4}, {10000, 4}}) {
    const std::int64_t one[] = {c.score};
    auto counts = count_by_band(one);
    for (std::size_t i = 0; i < counts.size(); ++i) EXPECT_EQ(counts[i], i == c.band ? 1 : 0) << c.score << " band " << i;
  }
  const std::int64_t many[] = {5000, 6500, 6600, 9500, 9600, 10000, 7000};
  EXPECT_EQ(count_by_band(many), (std::array<int, 5>{1, 2, 1, 0, 3}));
  EXPECT_EQ(count_by_band({}), (std::array<int, 5>{}));
  EXPECT_EQ(kScoreBands[0].range, "<60");
  EXPECT_EQ(kScoreBands[4].range, "90–100");
}

TEST(Quarters, ParseFormatAndContainTheirMonths) {
  EXPECT_EQ(Quarter::parse("2026-Q1"), (Quarter{2026, 1}));
  EXPECT_EQ(Quarter::parse("2026-Q4")->last(), (YearMonth{2026, 12}));
  EXPECT_EQ(Quarter::parse("2026-Q2")->first(), (YearMonth{2026, 4}));
  for (auto bad : {"2026-Q0", "2026-Q5", "2026Q1", "2026-q1", "26-Q1", "2026-Q12", ""}) EXPECT_FALSE(Quarter::parse(bad)) << bad;
  EXPECT_EQ(Quarter::of(YearMonth{2026, 3}).to_string(), "2026-Q1");
  EXPECT_EQ(Quarter::of(YearMonth{2026, 4}).to_string(), "2026-Q2");
  EXPECT_EQ(YearMonth({2025, 12}).quarter_string(), "2025-Q4");
}

// ── completion ───────────────────────────────────────────────────────────────────────────────

namespace dc = completion;

TEST(CompletionStateMachine, EveryCombinationIsAllowedOrRefusedAsSpecSays) {
  constexpr std::array states{dc::State::pending_review, dc::State::rejected, dc::State::pending_registration, dc::State::registered};
  constexpr std::array actions{dc::Action::save_review, dc::Action::review_submit, dc::Action::resubmit, dc::Action::register_};
  using A = Allowed<dc::State, dc::Action>;
  // SPEC §3.6, written out again (review_submit names the agreeing case; review_outcome the other).
  constexpr std::array spec{
      A{dc::State::pending_review, dc::Action::save_review, Role::site_supervisor, dc::State::pending_review},
      A{dc::State::pending_review, dc::Action::review_submit, Role::site_supervisor, dc::State::pending_registration},
      A{dc::State::rejected, dc::Action::resubmit, Role::contractor, dc::State::pending_review},
      A{dc::State::pending_registration, dc::Action::register_, Role::authority, dc::State::registered},
  };
  auto name = [](dc::State s, dc::Action a, Role r) {
    return std::string(dc::to_string(s)) + " " + std::string(dc::to_string(a)) + " " + std::string(domain::to_string(r));
  };
  EXPECT_EQ((check_machine(states, actions, spec, [](dc::State s, dc::Action a, Role r) { return dc::decide(s, a, r); }, name)), 4);
  EXPECT_EQ(dc::review_outcome(true), dc::State::pending_registration);
  EXPECT_EQ(dc::review_outcome(false), dc::State::rejected);
  EXPECT_EQ(dc::label(dc::State::pending_review), "竣工评价待复核");
  EXPECT_EQ(dc::label(dc::State::rejected), "复核不同意");
  EXPECT_EQ(dc::label(dc::State::pending_registration), "竣工评价已提交待监督信息登记");
  EXPECT_EQ(dc::label(dc::State::registered), "已登记");
}

Date day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

TEST(CompletionRule, LastDueMonthTurnsAfterTheFifteenth) {
  EXPECT_EQ(dc::last_due_month(day(2026, 5, 15)), (YearMonth{2026, 4}));
  EXPECT_EQ(dc::last_due_month(day(2026, 5, 16)), (YearMonth{2026, 5}));
  EXPECT_EQ(dc::last_due_month(day(2026, 1, 1)), (YearMonth{2025, 12}));
  EXPECT_EQ(dc::last_due_month(day(2026, 1, 31)), (YearMonth{2026, 1}));
}

TEST(CompletionRule, ShanghaiCalendarDecidesTheDay) {
  // 23:30 on the last day of a month in Shanghai is 15:30 UTC: still that month (and after the 15th).
  auto late = parse_instant("2026-03-31T23:30:00+08:00");
  ASSERT_TRUE(late);
  EXPECT_EQ(dc::last_due_month(shanghai_date(*late)), (YearMonth{2026, 3}));
  // 00:30 on the 1st in Shanghai is still the previous day in UTC: the new month, on/before the 15th.
  auto early = parse_instant("2026-04-01T00:30:00+08:00");
  EXPECT_EQ(dc::last_due_month(shanghai_date(*early)), (YearMonth{2026, 3}));
  // 23:59 on the 15th (Shanghai) is the 15th; 00:00 on the 16th is the 16th although UTC still says the 15th.
  EXPECT_EQ(dc::last_due_month(shanghai_date(*parse_instant("2026-05-15T23:59:00+08:00"))), (YearMonth{2026, 4}));
  EXPECT_EQ(dc::last_due_month(shanghai_date(*parse_instant("2026-05-15T16:00:00Z"))), (YearMonth{2026, 5}));
}

// The record of a project accepted in January 2026 with every month filed up to `last` and the
// quarters before `last`'s registered.
dc::Record record(Date today, YearMonth last, bool register_last_quarter) {
  dc::Record r{{2026, 1}, today, {}, {}, {}};
  for (auto m = r.accepted; m <= last; m = m.next()) {
    r.months[m] = monthly::State::filed;
    r.quarters[Quarter::of(m)] = quarterly::State::registered;
  }
  if (!register_last_quarter) r.quarters[Quarter::of(last)] = quarterly::State::pending;
  return r;
}

std::vector<std::string> texts(const std::vector<YearMonth>& v) {
  std::vector<std::string> out;
  for (const auto& m : v) out.push_back(m.to_string());
  return out;
}
std::vector<std::string> texts(const std::vector<Quarter>& v) {
  std::vector<std::string> out;
  for (const auto& q : v) out.push_back(q.to_string());
  return out;
}

TEST(CompletionRule, OnTheFifteenthThePreviousMonthIsTheLast) {
  // 15 May: April is L; everything to April filed, Q1 and Q2 registered → complete.
  auto r = record(day(2026, 5, 15), {2026, 4}, true);
  auto k = dc::check_completeness(r);
  EXPECT_TRUE(k.complete()) << k.message;
  EXPECT_EQ(k.last_due, (YearMonth{2026, 4}));
  EXPECT_TRUE(k.message.empty());
}

TEST(CompletionRule, OnTheSixteenthTheCurrentMonthIsDue) {
  auto r = record(day(2026, 5, 16), {2026, 4}, true);
  auto k = dc::check_completeness(r);
  EXPECT_FALSE(k.complete());
  EXPECT_EQ(texts(k.missing_months), std::vector<std::string>{"2026-05"});
  // Q2 is registered as it stands, May is missing: the quarter is fine, the month is not.
  EXPECT_TRUE(k.unregistered_quarters.empty());
  EXPECT_NE(k.message.find("2026-05（未评价）"), std::string::npos) << k.message;
  EXPECT_NE(k.message.find("15 日前（含 15 日）"), std::string::npos);
  EXPECT_NE(k.message.find("15 日以后"), std::string::npos);
}

TEST(CompletionRule, AnUnregisteredQuarterIsNamed) {
  auto r = record(day(2026, 4, 10), {2026, 3}, false);
  auto k = dc::check_completeness(r);
  EXPECT_TRUE(k.missing_months.empty());
  EXPECT_EQ(texts(k.unregistered_quarters), std::vector<std::string>{"2026-Q1"});
  EXPECT_NE(k.message.find("2026-Q1"), std::string::npos);
  // A month submitted but not yet reviewed is missing with its state, and its quarter too.
  r.months[{2026, 3}] = monthly::State::submitted;
  k = dc::check_completeness(r);
  EXPECT_EQ(texts(k.missing_months), std::vector<std::string>{"2026-03"});
  EXPECT_NE(k.message.find("2026-03（已提交待复核评价）"), std::string::npos) << k.message;
}

TEST(CompletionRule, RegisteredMonthsCountAndEveryGapIsListed) {
  auto r = record(day(2026, 7, 20), {2026, 7}, true);
  r.months[{2026, 2}] = monthly::State::registered;
  r.months.erase({2026, 5});
  r.months[{2026, 6}] = monthly::State::draft;
  r.quarters[{2026, 3}] = quarterly::State::pending;  // 补充登记 awaited
  auto k = dc::check_completeness(r);
  EXPECT_EQ(texts(k.missing_months), (std::vector<std::string>{"2026-05", "2026-06"}));
  EXPECT_EQ(texts(k.unregistered_quarters), std::vector<std::string>{"2026-Q3"});
}

TEST(CompletionRule, WhollySuspendedMonthsAreExempt) {
  auto r = record(day(2026, 6, 20), {2026, 6}, true);
  r.months.erase({2026, 3});
  r.months.erase({2026, 4});
  r.exempt = {{2026, 3}, {2026, 4}};
  EXPECT_TRUE(dc::check_completeness(r).complete());
  // A quarter whose every month was suspended needs no registration either.
  auto q = record(day(2026, 7, 20), {2026, 7}, true);
  for (int m = 4; m <= 6; ++m) {
    q.months.erase({2026, m});
    q.exempt.insert({2026, m});
  }
  q.quarters.erase({2026, 2});
  EXPECT_TRUE(dc::check_completeness(q).complete());
}

TEST(CompletionRule, AProjectAcceptedThisMonthNeedsItsFirstMonth) {
  dc::Record r{{2026, 5}, day(2026, 5, 10), {}, {}, {}};
  auto k = dc::check_completeness(r);
  EXPECT_EQ(k.last_due, (YearMonth{2026, 5}));
  EXPECT_EQ(texts(k.missing_months), std::vector<std::string>{"2026-05"});
  EXPECT_EQ(texts(k.unregistered_quarters), std::vector<std::string>{"2026-Q2"});
}

TEST(CompletionRule, QuarterBoundaryAcrossTheYear) {
  // 10 January 2027: L is December 2026, Q4 must be registered.
  auto r = record(day(2027, 1, 10), {2026, 12}, false);
  auto k = dc::check_completeness(r);
  EXPECT_EQ(k.last_due, (YearMonth{2026, 12}));
  EXPECT_EQ(texts(k.unregistered_quarters), std::vector<std::string>{"2026-Q4"});
  EXPECT_TRUE(k.missing_months.empty());
}

}  // namespace
}  // namespace qsm::domain
