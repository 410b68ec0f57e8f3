// The spot-check comparison (SPEC §3.9): findings checked against the template, each clause's
// agreement, the rates exact to 2 decimals (half-up), and the per-enterprise aggregation.
#include <gtest/gtest.h>

#include "domain/spot_check.hpp"

namespace qsm::domain::spot_check {
namespace {

using scoring::SheetInput;
using scoring::Template;

// Seven clauses: A.1.1, A.1.2, A.2.1 (item A), B.1.1 (item B), C.1.1, C.2.1, C.2.2 (item C).
Template test_template() {
  auto P = [](std::int64_t h) { return Points::from_hundredths(h); };
  Template t{"T", 1, "测试", {}};
  t.check_items.push_back({"A", "质量管理", P(1000), {{"A.1", "责任制", P(400), {{"A.1.1", "x"}, {"A.1.2", "y"}}}, {"A.2", "方案", P(600), {{"A.2.1", "z"}}}}});
  t.check_items.push_back({"B", "屋面", P(1500), {{"B.1", "防水", P(1500), {{"B.1.1", "w"}}}}});
  t.check_items.push_back({"C", "主体结构", P(7500), {{"C.1", "钢筋", P(4000), {{"C.1.1", "a"}}}, {"C.2", "混凝土", P(3500), {{"C.2.1", "b"}, {"C.2.2", "c"}}}}});
  return t;
}

Points pct(std::int64_t hundredths) { return Points::from_hundredths(hundredths); }

TEST(SpotCheckRate, ExactHalfUpToTwoDecimals) {
  struct Case {
    int agree, total;
    std::int64_t want;  // hundredths of a percent
  };
  const Case cases[] = {
      {114, 114, 10000}, {0, 114, 0},       {112, 114, 9825},  // 98.2456… → 98.25
      {113, 114, 9912},                                       // 99.1228… → 99.12
      {1, 3, 3333},      {2, 3, 6667},      {1, 8, 1250},     // 12.5 exactly
      {1, 16, 625},                                           // 6.25 exactly
      {1, 32, 313},                                           // 3.125 → 3.13 (half-up)
      {1, 400, 25},      {1, 80000, 0},                       // 0.00125 → 0.00
      {1, 40000, 0},                                          // 0.0025 → 0.00
      {1, 20000, 1},                                          // 0.005 → 0.01
  };
  for (const auto& c : cases) EXPECT_EQ(rate(c.agree, c.total).hundredths(), c.want) << c.agree << "/" << c.total;
}

TEST(SpotCheckFindings, UnknownAndRepeatedClausesAreNamedByPath) {
  const auto t = test_template();
  Problems problems;
  auto out = check_findings(t, {{"A.1.1", false, ""}, {"Z.9", true, ""}, {"A.1.1", true, "again"}, {"C.2.2", false, "n"}}, problems);
  ASSERT_EQ(problems.items().size(), 2u);
  EXPECT_EQ(problems.items()[0].path, "$.findings[1].clause");
  EXPECT_EQ(problems.items()[1].path, "$.findings[2].clause");
  EXPECT_EQ(out.size(), 2u);
  EXPECT_FALSE(out.at("A.1.1").conforms);  // the first entry counts
}

TEST(SpotCheckCompare, ClausesAgreeWhenDeductionMeansNonConformity) {
  const auto t = test_template();
  // Self deducts A.1.1 and C.1.1, item B not applicable; review deducts A.1.1 only.
  const SheetInput self{{"B"}, {{"A.1.1", "p1"}, {"C.1.1", "p2"}}};
  const SheetInput review{{}, {{"A.1.1", "p1"}}};
  Problems none;
  // The authority: A.1.1 and C.2.2 do not conform; B.1.1 (not applicable on the self-sheet) conforms by default.
  const auto findings = check_findings(t, {{"A.1.1", false, ""}, {"C.2.2", false, "现场不符合"}}, none);
  const auto cmp = compare(t, self, review, findings);
  ASSERT_EQ(cmp.clauses.size(), 7u);
  struct Row {
    const char* clause;
    bool self_agrees;
    bool review_agrees;
  };
  const Row rows[] = {
      {"A.1.1", true, true},   {"A.1.2", true, true}, {"A.2.1", true, true}, {"B.1.1", true, true},
      {"C.1.1", false, true},  // self deducted, the authority finds it conforming
      {"C.2.1", true, true},   {"C.2.2", false, false},
  };
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(cmp.clauses[i].clause->code, rows[i].clause);
    EXPECT_EQ(cmp.clauses[i].self_agrees(), rows[i].self_agrees) << rows[i].clause;
    EXPECT_EQ(cmp.clauses[i].review_agrees(), rows[i].review_agrees) << rows[i].clause;
  }
  EXPECT_EQ(cmp.self.agree, 5);
  EXPECT_EQ(cmp.self.rate, pct(7143));  // 71.428… → 71.43
  ASSERT_TRUE(cmp.review);
  EXPECT_EQ(cmp.review->agree, 6);
  EXPECT_EQ(cmp.review->rate, pct(8571));  // 85.714… → 85.71
  ASSERT_EQ(cmp.disputed(false).size(), 2u);
  EXPECT_EQ(cmp.disputed(false)[0]->clause->code, "C.1.1");
  ASSERT_EQ(cmp.disputed(true).size(), 1u);
  EXPECT_EQ(cmp.disputed(true)[0]->clause->code, "C.2.2");
  EXPECT_EQ(cmp.clauses[6].authority.note, "现场不符合");
}

TEST(SpotCheckCompare, WithoutAReviewSheetOnlyTheSelfRateExists) {
  const auto t = test_template();
  const auto cmp = compare(t, SheetInput{{}, {}}, std::nullopt, {});
  EXPECT_EQ(cmp.self.agree, 7);
  EXPECT_EQ(cmp.self.rate, pct(10000));
  EXPECT_FALSE(cmp.review);
  EXPECT_FALSE(cmp.clauses[0].review_agrees());
  EXPECT_TRUE(cmp.disputed(true).empty());
}

TEST(SpotCheckAggregate, MeanOfRatesLowFlagAndMostDisputedClauses) {
  const std::vector<Sample> samples{
      {pct(9825), {{"C.1.1", "a"}, {"A.1.1", "x"}}},
      {pct(9912), {{"C.1.1", "a"}}},
      {pct(8571), {{"B.1.1", "w"}, {"C.1.1", "a"}, {"A.2.1", "z"}}},
  };
  auto a = aggregate(samples, Points::whole(95), 2);
  EXPECT_EQ(a.spot_checks, 3);
  EXPECT_EQ(a.mean, pct(9436));  // (98.25 + 99.12 + 85.71) / 3 = 94.36
  EXPECT_TRUE(a.low);
  ASSERT_EQ(a.disputed.size(), 2u);
  EXPECT_EQ(a.disputed[0].clause, "C.1.1");
  EXPECT_EQ(a.disputed[0].count, 3);
  EXPECT_EQ(a.disputed[1].clause, "A.1.1");  // ties by code
  EXPECT_FALSE(aggregate(samples, Points::whole(94), 5).low);
  EXPECT_FALSE(aggregate(samples, pct(9436), 5).low);  // at the threshold is not below it
  const auto none = aggregate({}, Points::whole(80));
  EXPECT_EQ(none.spot_checks, 0);
  EXPECT_FALSE(none.low);
  // Half-up on the mean: (50.00 + 50.01) / 2 = 50.005 → 50.01.
  EXPECT_EQ(aggregate({{pct(5000), {}}, {pct(5001), {}}}, Points{}).mean, pct(5001));
}

TEST(SpotCheckLabels, StatesAndTrail) {
  EXPECT_EQ(label(State::in_progress), "抽查中");
  EXPECT_EQ(label(State::finished), "已完成");
  EXPECT_EQ(state_label("finished"), "已完成");
  EXPECT_EQ(audit_action_label("save"), "保存抽查");
  EXPECT_EQ(audit_action_label("finish"), "完成抽查");
}

}  // namespace
}  // namespace qsm::domain::spot_check
