// Scoring template validation (SPEC §6): sums, unique codes, two decimals, every problem at once.
#include <gtest/gtest.h>

#include "domain/scoring/template.hpp"
#include "test_files.hpp"

namespace qsm::domain::scoring {
namespace {

bool has_problem(const Problems& p, std::string_view path, std::string_view fragment) {
  for (const auto& item : p.items())
    if (item.path == path && item.reason.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(Template, DemoTemplateIsValidAndSizedAsSpecAsks) {
  auto parsed = parse_template(test::read_json("share/templates/SH-QS-1.json"));
  ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.items().front().path << " " << parsed.problems.items().front().reason;
  const auto& t = parsed.tmpl;
  EXPECT_EQ(t.code, "SH-QS");
  EXPECT_GE(t.check_items.size(), 8u);
  EXPECT_LE(t.check_items.size(), 12u);
  EXPECT_GE(t.sub_item_count(), 25u);
  EXPECT_LE(t.sub_item_count(), 35u);
  EXPECT_GE(t.clause_count(), 80u);
  EXPECT_LE(t.clause_count(), 120u);
}

TEST(Template, BadTemplateListsEveryProblem) {
  auto parsed = parse_template(test::read_json("tests/data/template-bad.json"));
  const auto& p = parsed.problems;
  EXPECT_TRUE(has_problem(p, "$.check_items", "应为 100")) << "standard scores summing to 99";
  EXPECT_TRUE(has_problem(p, "$.check_items[2].sub_items", "应等于标准分")) << "sub-items not summing to the item";
  bool duplicate = false, decimals = false;
  for (const auto& item : p.items()) {
    duplicate = duplicate || item.reason.find("重复") != std::string::npos;
    decimals = decimals || item.reason.find("两位小数") != std::string::npos;
  }
  EXPECT_TRUE(duplicate);
  EXPECT_TRUE(decimals);
}

struct ScoreCase {
  const char* json;
  bool ok;
  std::int64_t hundredths;
};

TEST(Points, FromJsonAcceptsAtMostTwoDecimals) {
  const ScoreCase cases[] = {
      {"4", true, 400}, {"2.5", true, 250}, {"12.75", true, 1275}, {"0.01", true, 1}, {"33.33", true, 3333},
      {"12.125", false, 0}, {"\"4\"", false, 0}, {"1e300", false, 0}, {"true", false, 0},
  };
  for (const auto& c : cases) {
    auto p = Points::from_json(boost::json::parse(c.json));
    EXPECT_EQ(p.has_value(), c.ok) << c.json;
    if (p) EXPECT_EQ(p->hundredths(), c.hundredths) << c.json;
  }
}

TEST(Points, ToStringHasTwoDecimals) {
  EXPECT_EQ(Points::from_hundredths(8824).to_string(), "88.24");
  EXPECT_EQ(Points::from_hundredths(5).to_string(), "0.05");
  EXPECT_EQ(Points::from_hundredths(-250).to_string(), "-2.50");
}

TEST(Template, MissingPartsAreNamedByPath) {
  auto parsed = parse_template(boost::json::parse(R"({"code":"X","version":1,"name":"t","check_items":[{"code":"1","name":"a","standard_score":100,"sub_items":[]}]})"));
  EXPECT_TRUE(has_problem(parsed.problems, "$.check_items[0].sub_items", "非空数组"));
}

}  // namespace qsm::domain::scoring
