// The monthly scoring rules (SPEC §3.4), exact: progressive deductions (n = 1: 50 % of the sub-item
// score, n = 2: 100 %, n ≥ 3: the check item's standard score), item floor at 0, not-applicable items
// out of the denominator, one half-up rounding to 2 decimals at the very end.
//
// Amounts are integers in thousandths of a point (Milli): half of a sub-item score with 2 decimals
// (2.55 → 1.275) is then exact, and nothing rounds before the final percentage.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "domain/points.hpp"
#include "domain/problems.hpp"
#include "domain/scoring/template.hpp"

namespace qsm::domain::scoring {

struct Milli {
  std::int64_t v = 0;
  static Milli of(Points p) { return {p.hundredths() * 10}; }
  auto operator<=>(const Milli&) const = default;
  Milli operator+(Milli o) const { return {v + o.v}; }
  Milli operator-(Milli o) const { return {v - o.v}; }
  double to_double() const { return static_cast<double>(v) / 1000.0; }
  std::string to_string() const;  // "1.275", "10", "9.5"
};

struct Deduction {
  std::string clause;
  std::string problem;  // 扣减分项的问题, required
};

struct SheetInput {
  std::set<std::string> not_applicable;  // check item codes
  std::vector<Deduction> deductions;
};

// For each clause: how many earlier months of the same declaration deducted it in their latest sheet.
using History = std::map<std::string, int>;

struct DeductionResult {
  std::string clause, sub_item, check_item, problem;
  int n = 1;        // 第几次
  Milli points;     // 扣分
};

struct ItemResult {
  std::string code, name;
  bool not_applicable = false;
  Milli standard;   // 应得分 (0 when not applicable)
  Milli deducted;   // Σ of its clauses' deductions, before the floor
  Milli actual;     // 实得分 = max(0, standard − deducted)
};

struct SheetResult {
  std::vector<ItemResult> items;
  std::vector<DeductionResult> deductions;  // in template order
  Milli possible;   // Σ 应得分 = 100 − Σ S_k of not-applicable items
  Milli actual;     // Σ 实得分
  Points score;     // actual / possible × 100, half-up to 2 decimals
};

// What the n-th occurrence of a clause deducts, one row per n from `from_n` on (the last row for every
// n after it): `percent` of the sub-item's score or of the check item's standard score. deduction_for
// reads this table, and the dictionary sends it to the browser, which scores with it while the user
// ticks (the server scores again on every save): one table, not a second copy of the rule.
enum class Basis { sub_item, check_item };
std::string_view to_string(Basis b);  // "sub_item", "check_item"
struct OccurrenceRule {
  int from_n;
  Basis basis;
  int percent;
};
inline constexpr std::array<OccurrenceRule, 3> kOccurrenceRules{{
    {1, Basis::sub_item, 50},
    {2, Basis::sub_item, 100},
    {3, Basis::check_item, 100},
}};

// The rule in words, as the printed 月度评价表 states it, from the table (by default the engine's own):
// "同一条文首次扣分为所属分项得分的 50%，第二次为…，第三次及以上为所属检查项目标准分的 100%".
std::string occurrence_rule_text(std::span<const OccurrenceRule> rules = kOccurrenceRules);

// The deduction for the n-th occurrence of a clause of sub-item score p in an item of standard s.
Milli deduction_for(int n, Points sub_item_score, Points standard_score);
// actual / possible × 100, rounded half-up to hundredths (possible > 0).
Points half_up_percent(Milli actual, Milli possible);

// Checks the sheet against the template (unknown codes, deductions inside not-applicable items,
// duplicates, missing problem texts, at least one applicable item): every problem, or the result.
// A preview (require_problems = false) tolerates deductions whose problem text is not written yet.
SheetResult evaluate(const Template& t, const SheetInput& sheet, const History& history, Problems& problems,
                     bool require_problems = true);

}  // namespace qsm::domain::scoring
