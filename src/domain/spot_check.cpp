// Spot-check comparison: findings, per-clause comparison, agreement rates, per-enterprise aggregation.
#include "domain/spot_check.hpp"

#include <algorithm>
#include <array>

#include "domain/grade.hpp"

namespace qsm::domain::spot_check {
namespace {

const scoring::Deduction* deduction_of(const scoring::SheetInput& sheet, const std::string& clause) {
  for (const auto& d : sheet.deductions)
    if (d.clause == clause) return &d;
  return nullptr;
}

}  // namespace

std::map<std::string, Finding> check_findings(const scoring::Template& t, const std::vector<Finding>& findings, Problems& problems) {
  std::map<std::string, Finding> out;
  std::map<std::string, bool> known;
  for (const auto& item : t.check_items)
    for (const auto& sub : item.sub_items)
      for (const auto& clause : sub.clauses) known[clause.code] = true;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto path = "$.findings[" + std::to_string(i) + "].clause";
    const auto& f = findings[i];
    if (!known.count(f.clause)) {
      problems.add(path, "评分标准 " + t.code + " 中没有条文 " + f.clause);
      continue;
    }
    if (!out.emplace(f.clause, f).second) problems.add(path, "条文 " + f.clause + " 重复");
  }
  return out;
}

Points rate(int agree, int total) {
  // agree/total × 100 in hundredths, half-up: (2 · agree · 10000 + total) / (2 · total).
  const std::int64_t num = 2LL * agree * 10000 + total;
  return Points::from_hundredths(num / (2LL * total));
}

std::vector<const ClauseComparison*> Comparison::disputed(bool review_side) const {
  std::vector<const ClauseComparison*> out;
  for (const auto& c : clauses) {
    if (!review_side && !c.self_agrees()) out.push_back(&c);
    if (review_side && c.review_agrees() == false) out.push_back(&c);
  }
  return out;
}

Comparison compare(const scoring::Template& t, const scoring::SheetInput& self, const std::optional<scoring::SheetInput>& review,
                   const std::map<std::string, Finding>& findings) {
  Comparison out;
  int self_agree = 0, review_agree = 0;
  for (const auto& item : t.check_items)
    for (const auto& sub : item.sub_items)
      for (const auto& clause : sub.clauses) {
        ClauseComparison c;
        c.item = &item;
        c.sub_item = &sub;
        c.clause = &clause;
        c.self = deduction_of(self, clause.code);
        c.review_exists = review.has_value();
        if (review) c.review = deduction_of(*review, clause.code);
        if (auto f = findings.find(clause.code); f != findings.end())
          c.authority = f->second;
        else
          c.authority = {clause.code, true, ""};
        self_agree += c.self_agrees() ? 1 : 0;
        review_agree += c.review_agrees().value_or(false) ? 1 : 0;
        out.clauses.push_back(std::move(c));
      }
  const int total = static_cast<int>(out.clauses.size());
  out.self = {self_agree, rate(self_agree, total)};
  if (review) out.review = Agreement{review_agree, rate(review_agree, total)};
  return out;
}

EnterpriseAgreement aggregate(const std::vector<Sample>& samples, Points threshold, std::size_t top) {
  EnterpriseAgreement out;
  out.spot_checks = static_cast<int>(samples.size());
  std::vector<Points> rates;
  std::map<std::string, DisputedClause> counts;
  for (const auto& s : samples) {
    rates.push_back(s.rate);
    for (const auto& [code, text] : s.disputed) {
      auto& d = counts[code];
      d.clause = code;
      d.text = text;
      ++d.count;
    }
  }
  out.mean = mean(rates).value_or(Points{});
  out.low = !samples.empty() && out.mean < threshold;
  for (auto& [code, d] : counts) out.disputed.push_back(std::move(d));
  std::stable_sort(out.disputed.begin(), out.disputed.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  if (out.disputed.size() > top) out.disputed.resize(top);
  return out;
}

}  // namespace qsm::domain::spot_check
