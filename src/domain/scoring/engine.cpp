// The scoring engine.
#include "domain/scoring/engine.hpp"

#include <unordered_map>

namespace qsm::domain::scoring {

std::string Milli::to_string() const {
  std::int64_t a = v < 0 ? -v : v;
  std::string out = (v < 0 ? "-" : "") + std::to_string(a / 1000);
  std::int64_t frac = a % 1000;
  if (frac) {
    std::string f = std::to_string(frac);
    f = std::string(3 - f.size(), '0') + f;
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

std::string_view to_string(Basis b) { return b == Basis::sub_item ? "sub_item" : "check_item"; }

std::string occurrence_rule_text(std::span<const OccurrenceRule> rules) {
  static constexpr std::string_view kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  const auto ordinal = [](int n) {
    if (n == 1) return std::string("首次");
    return "第" + (n < 10 ? std::string(kDigits[n]) : std::to_string(n)) + "次";
  };
  std::string out = "同一条文";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    if (i) out += "，";
    if (rules.size() == 1) out += "每次";
    else out += ordinal(r.from_n) + (i + 1 == rules.size() ? "及以上" : "");
    out += i ? "为" : "扣分为";
    out += r.basis == Basis::sub_item ? "所属分项得分" : "所属检查项目标准分";
    out += "的 " + std::to_string(r.percent) + "%";
  }
  return out;
}

Milli deduction_for(int n, Points sub_item_score, Points standard_score) {
  const OccurrenceRule* rule = &kOccurrenceRules.front();
  for (const auto& r : kOccurrenceRules)
    if (n >= r.from_n) rule = &r;
  const Points base = rule->basis == Basis::sub_item ? sub_item_score : standard_score;
  // hundredths × 10 = thousandths; × percent / 100 is exact for the table's 50 and 100.
  return {base.hundredths() * 10 * rule->percent / 100};
}

Points half_up_percent(Milli actual, Milli possible) {
  // round(actual × 10000 / possible) in hundredths of a percent, half up; both are non-negative.
  std::int64_t num = actual.v * 10'000;
  std::int64_t den = possible.v;
  return Points::from_hundredths((2 * num + den) / (2 * den));
}

SheetResult evaluate(const Template& t, const SheetInput& sheet, const History& history, Problems& problems,
                     bool require_problems) {
  struct Where {
    std::size_t item, sub;
  };
  std::unordered_map<std::string, Where> clause_at;
  std::set<std::string> item_codes;
  for (std::size_t i = 0; i < t.check_items.size(); ++i) {
    item_codes.insert(t.check_items[i].code);
    for (std::size_t s = 0; s < t.check_items[i].sub_items.size(); ++s)
      for (const auto& c : t.check_items[i].sub_items[s].clauses) clause_at[c.code] = {i, s};
  }
  std::size_t idx = 0;
  for (const auto& code : sheet.not_applicable) {
    if (!item_codes.count(code)) problems.add("$.not_applicable[" + std::to_string(idx) + "]", "评分标准中没有检查项目 " + code);
    ++idx;
  }
  if (!t.check_items.empty() && sheet.not_applicable.size() >= t.check_items.size())
    problems.add("$.not_applicable", "至少要有一个检查项目参与评价");

  // Deductions grouped by clause, checked one by one.
  std::map<std::string, const Deduction*> by_clause;
  for (std::size_t i = 0; i < sheet.deductions.size(); ++i) {
    const auto& d = sheet.deductions[i];
    const std::string path = "$.deductions[" + std::to_string(i) + "]";
    auto at = clause_at.find(d.clause);
    if (at == clause_at.end()) {
      problems.add(path + ".clause", "评分标准中没有条文 " + d.clause);
      continue;
    }
    const auto& item = t.check_items[at->second.item];
    if (sheet.not_applicable.count(item.code)) {
      problems.add(path + ".clause", "检查项目「" + item.name + "」不参与评价，其条文 " + d.clause + " 不能扣分");
      continue;
    }
    if (require_problems && d.problem.empty()) problems.add(path + ".problem", "扣分的条文 " + d.clause + " 须填写问题描述");
    if (!by_clause.emplace(d.clause, &d).second) problems.add(path + ".clause", "条文 " + d.clause + " 重复扣分");
  }

  SheetResult r;
  for (const auto& item : t.check_items) {
    ItemResult ir{item.code, item.name, sheet.not_applicable.count(item.code) > 0, {}, {}, {}};
    if (!ir.not_applicable) ir.standard = Milli::of(item.standard_score);
    for (const auto& sub : item.sub_items)
      for (const auto& clause : sub.clauses) {
        auto d = by_clause.find(clause.code);
        if (d == by_clause.end() || ir.not_applicable) continue;
        auto h = history.find(clause.code);
        int n = 1 + (h == history.end() ? 0 : h->second);
        Milli points = deduction_for(n, sub.score, item.standard_score);
        ir.deducted = ir.deducted + points;
        r.deductions.push_back({clause.code, sub.code, item.code, d->second->problem, n, points});
      }
    ir.actual = ir.deducted >= ir.standard ? Milli{} : ir.standard - ir.deducted;
    r.possible = r.possible + ir.standard;
    r.actual = r.actual + ir.actual;
    r.items.push_back(std::move(ir));
  }
  if (r.possible.v > 0) r.score = half_up_percent(r.actual, r.possible);
  return r;
}

}  // namespace qsm::domain::scoring
