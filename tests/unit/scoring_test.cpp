// The scoring rules of SPEC §3.4, table by table, with every number worked by hand.
#include <gtest/gtest.h>

#include "domain/scoring/engine.hpp"

namespace qsm::domain::scoring {
namespace {

// A: S 10 (A.1: 4 [A.1.1, A.1.2], A.2: 6 [A.2.1]); B: S 15 (B.1: 15 [B.1.1]);
// C: S 75 (C.1: 40 [C.1.1], C.2: 32.45 [C.2.1, C.2.2], C.3: 2.55 [C.3.1]).
Template test_template() {
  auto P = [](std::int64_t h) { return Points::from_hundredths(h); };
  Template t{"T", 1, "测试", {}};
  t.check_items.push_back({"A", "质量管理", P(1000), {{"A.1", "责任制", P(400), {{"A.1.1", "x"}, {"A.1.2", "y"}}}, {"A.2", "方案", P(600), {{"A.2.1", "z"}}}}});
  t.check_items.push_back({"B", "屋面", P(1500), {{"B.1", "防水", P(1500), {{"B.1.1", "w"}}}}});
  t.check_items.push_back({"C", "主体结构", P(7500),
                           {{"C.1", "钢筋", P(4000), {{"C.1.1", "a"}}},
                            {"C.2", "混凝土", P(3245), {{"C.2.1", "b"}, {"C.2.2", "c"}}},
                            {"C.3", "砌体", P(255), {{"C.3.1", "d"}}}}});
  return t;
}

SheetResult run(const SheetInput& in, const History& h = {}) {
  Problems p;
  auto r = evaluate(test_template(), in, h, p);
  EXPECT_TRUE(p.empty()) << (p.empty() ? "" : p.items()[0].path + " " + p.items()[0].reason);
  return r;
}

const ItemResult& item(const SheetResult& r, const std::string& code) {
  for (const auto& i : r.items)
    if (i.code == code) return i;
  throw std::runtime_error("no item " + code);
}

}  // namespace

TEST(Scoring, SpecWorkedExampleMarchAprilMay) {
  // Clause A.1.1 (P_s 4, S_k 10) deducted in March (n=1: −2), April (n=2: −4), May (n=3: −10).
  SheetInput march{{}, {{"A.1.1", "责任制未签字"}}};
  auto m = run(march, {});
  EXPECT_EQ(m.deductions.at(0).n, 1);
  EXPECT_EQ(m.deductions.at(0).points.to_string(), "2");
  EXPECT_EQ(item(m, "A").actual.to_string(), "8");
  EXPECT_EQ(m.score.to_string(), "98.00");

  auto a = run(march, {{"A.1.1", 1}});
  EXPECT_EQ(a.deductions.at(0).n, 2);
  EXPECT_EQ(a.deductions.at(0).points.to_string(), "4");
  EXPECT_EQ(a.score.to_string(), "96.00");

  // May: B (S 15) not applicable, everything else full: (100 − 15 − 10) / (100 − 15) × 100 = 88.235… → 88.24.
  SheetInput may{{"B"}, {{"A.1.1", "责任制未签字"}}};
  auto r = run(may, {{"A.1.1", 2}});
  EXPECT_EQ(r.deductions.at(0).n, 3);
  EXPECT_EQ(r.deductions.at(0).points.to_string(), "10");
  EXPECT_EQ(item(r, "A").actual.to_string(), "0");
  EXPECT_EQ(item(r, "B").standard.to_string(), "0");
  EXPECT_EQ(r.possible.to_string(), "85");
  EXPECT_EQ(r.actual.to_string(), "75");
  EXPECT_EQ(r.score.to_string(), "88.24");
}

TEST(Scoring, ClauseDeductedInMonthsOneThreeAndFourCountsOccurrencesNotMonths) {
  // Month 1: no history → n=1. Month 2: not deducted. Month 3: one earlier deduction → n=2. Month 4: two → n=3.
  SheetInput in{{}, {{"C.1.1", "钢筋间距超差"}}};
  const struct { int earlier, n; const char* points; } months[] = {{0, 1, "20"}, {1, 2, "40"}, {2, 3, "75"}};
  for (const auto& m : months) {
    auto r = run(in, m.earlier ? History{{"C.1.1", m.earlier}} : History{});
    EXPECT_EQ(r.deductions.at(0).n, m.n);
    EXPECT_EQ(r.deductions.at(0).points.to_string(), m.points);
  }
}

TEST(Scoring, ItemFloorsAtZeroAndOtherItemsAreUntouched) {
  // A: 4 (n=2 of A.1.1) + 6 (n=2 of A.2.1) + 2 (n=1 of A.1.2) = 12 > 10 → A scores 0, not −2.
  SheetInput in{{}, {{"A.1.1", "p"}, {"A.1.2", "q"}, {"A.2.1", "r"}}};
  auto r = run(in, {{"A.1.1", 1}, {"A.2.1", 1}});
  EXPECT_EQ(item(r, "A").deducted.to_string(), "12");
  EXPECT_EQ(item(r, "A").actual.to_string(), "0");
  EXPECT_EQ(item(r, "C").actual.to_string(), "75");
  EXPECT_EQ(r.score.to_string(), "90.00");
}

TEST(Scoring, SeveralDeductionsInOneItemAddUp) {
  // C: C.1.1 n=1 (20) + C.2.1 n=1 (16.225) + C.2.2 n=2 (32.45) = 68.675 → C = 6.325; total 31.325 of 100.
  SheetInput in{{}, {{"C.1.1", "a"}, {"C.2.1", "b"}, {"C.2.2", "c"}}};
  auto r = run(in, {{"C.2.2", 1}});
  EXPECT_EQ(item(r, "C").deducted.to_string(), "68.675");
  EXPECT_EQ(item(r, "C").actual.to_string(), "6.325");
  EXPECT_EQ(r.actual.to_string(), "31.325");
  EXPECT_EQ(r.score.to_string(), "31.33");  // 31.325 → half up
}

TEST(Scoring, HalfOfATwoDecimalSubItemScoreStaysExact) {
  // C.3 is 2.55: the first deduction is 1.275, not 1.27 or 1.28.
  auto r = run({{}, {{"C.3.1", "砌体灰缝不饱满"}}});
  EXPECT_EQ(r.deductions.at(0).points.to_string(), "1.275");
  EXPECT_EQ(r.actual.to_string(), "98.725");
  EXPECT_EQ(r.score.to_string(), "98.73");
}

TEST(Scoring, AllButOneItemNotApplicable) {
  // Only A applies: A.2.1 n=1 → 10 − 3 = 7 of 10 → 70.00.
  auto r = run({{"B", "C"}, {{"A.2.1", "方案未审批"}}});
  EXPECT_EQ(r.possible.to_string(), "10");
  EXPECT_EQ(r.score.to_string(), "70.00");
}

TEST(Scoring, NothingDeductedIsOneHundred) { EXPECT_EQ(run({}).score.to_string(), "100.00"); }

struct Rounding {
  std::int64_t actual, possible;  // thousandths
  const char* score;
};

TEST(Scoring, RoundsHalfUpOnlyAtTheEnd) {
  const Rounding cases[] = {
      {75'000, 85'000, "88.24"},          // 88.2352…
      {12'345, 100'000, "12.35"},         // exactly 12.345 → up
      {12'344'999, 100'000'000, "12.34"}, // 12.344999 → down
      {1, 8, "12.50"},                    // exactly 12.5
      {1, 3, "33.33"},
      {2, 3, "66.67"},
      {99'995, 100'000, "100.00"},        // 99.995 → up
      {0, 85'000, "0.00"},
  };
  for (const auto& c : cases) EXPECT_EQ(half_up_percent({c.actual}, {c.possible}).to_string(), c.score) << c.actual << "/" << c.possible;
}

TEST(Scoring, ProgressiveRuleTable) {
  const auto P = [](std::int64_t h) { return Points::from_hundredths(h); };
  const struct { int n; std::int64_t sub, standard; const char* milli; } cases[] = {
      {1, 400, 1000, "2"}, {2, 400, 1000, "4"}, {3, 400, 1000, "10"}, {7, 400, 1000, "10"}, {1, 255, 7500, "1.275"}, {1, 1, 100, "0.005"},
  };
  for (const auto& c : cases) EXPECT_EQ(deduction_for(c.n, P(c.sub), P(c.standard)).to_string(), c.milli) << c.n;
}

TEST(Scoring, RuleInWordsFollowsTheTable) {
  EXPECT_EQ(occurrence_rule_text(),
            "同一条文首次扣分为所属分项得分的 50%，第二次为所属分项得分的 100%，第三次及以上为所属检查项目标准分的 100%");
  const OccurrenceRule other[] = {{1, Basis::sub_item, 100}, {12, Basis::check_item, 50}};
  EXPECT_EQ(occurrence_rule_text(other), "同一条文首次扣分为所属分项得分的 100%，第12次及以上为所属检查项目标准分的 50%");
  const OccurrenceRule one[] = {{1, Basis::check_item, 100}};
  EXPECT_EQ(occurrence_rule_text(one), "同一条文每次扣分为所属检查项目标准分的 100%");
}

TEST(Scoring, BadSheetsListEveryProblem) {
  Problems p;
  SheetInput in{{"B", "Z"}, {{"B.1.1", "x"}, {"A.1.1", ""}, {"A.1.1", "again"}, {"Q.9", "x"}}};
  evaluate(test_template(), in, {}, p);
  std::set<std::string> paths;
  for (const auto& i : p.items()) paths.insert(i.path);
  EXPECT_TRUE(paths.count("$.not_applicable[1]")) << "unknown item Z";
  EXPECT_TRUE(paths.count("$.deductions[0].clause")) << "deduction inside a not-applicable item";
  EXPECT_TRUE(paths.count("$.deductions[1].problem")) << "problem text required";
  EXPECT_TRUE(paths.count("$.deductions[2].clause")) << "duplicate clause";
  EXPECT_TRUE(paths.count("$.deductions[3].clause")) << "unknown clause";
  Problems none_left;
  evaluate(test_template(), {{"A", "B", "C"}, {}}, {}, none_left);
  EXPECT_FALSE(none_left.empty()) << "at least one check item must be applicable";
}

}  // namespace qsm::domain::scoring
