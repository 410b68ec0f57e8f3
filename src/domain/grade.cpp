// Grade labels, thresholds and means.
#include "domain/grade.hpp"

#include <array>

#include "domain/named.hpp"

namespace qsm::domain {
namespace {

constexpr std::array kGrades{
    Named<Grade>{Grade::excellent, "excellent", "优良"},
    Named<Grade>{Grade::qualified, "qualified", "合格"},
    Named<Grade>{Grade::unqualified, "unqualified", "不合格"},
};
static_assert(in_enum_order(kGrades));

}  // namespace

std::string_view to_string(Grade g) { return named(kGrades, g).code; }
std::string_view label(Grade g) { return named(kGrades, g).label; }
std::optional<Grade> grade_from(std::string_view code) { return from_code(kGrades, code); }

bool GradeThresholds::valid() const {
  return qualified >= Points::whole(0) && qualified < excellent && excellent <= Points::whole(100);
}

Grade grade_of(Points score, const GradeThresholds& t) {
  if (score >= t.excellent) return Grade::excellent;
  if (score >= t.qualified) return Grade::qualified;
  return Grade::unqualified;
}

std::optional<Points> mean(std::span<const Points> scores) {
  if (scores.empty()) return std::nullopt;
  std::int64_t sum = 0;
  for (auto s : scores) sum += s.hundredths();
  const auto n = static_cast<std::int64_t>(scores.size());
  // Half-up on the magnitude: (2|sum| + n) / 2n, then the sign back (scores are never negative).
  const std::int64_t magnitude = (2 * (sum < 0 ? -sum : sum) + n) / (2 * n);
  return Points::from_hundredths(sum < 0 ? -magnitude : magnitude);
}

std::array<int, kScoreBands.size()> count_by_band(std::span<const std::int64_t> scores) {
  std::array<int, kScoreBands.size()> counts{};
  for (auto score : scores)
    for (std::size_t i = 0; i < kScoreBands.size(); ++i)
      if (score < kScoreBands[i].below) {
        ++counts[i];
        break;
      }
  return counts;
}

}  // namespace qsm::domain
