// Grades suggested for quarterly and completion records (SPEC §3.4): thresholds default to the
// national safety-check convention (JGJ 59) and are configurable; means of scores are exact.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "domain/points.hpp"

namespace qsm::domain {

enum class Grade { excellent, qualified, unqualified };  // 优良, 合格, 不合格

std::string_view to_string(Grade g);
std::string_view label(Grade g);
std::optional<Grade> grade_from(std::string_view code);

struct GradeThresholds {
  Points excellent = Points::whole(80);  // 优良 from here
  Points qualified = Points::whole(70);  // 合格 from here, below excellent
  // 0 ≤ qualified < excellent ≤ 100.
  bool valid() const;
};

Grade grade_of(Points score, const GradeThresholds& t);

// The exact mean of scores, rounded half-up to hundredths; nullopt when there are none.
std::optional<Points> mean(std::span<const Points> scores);

// The 统计看板's score distribution: five bands of a score, each below its bound (hundredths).
struct ScoreBand {
  std::string_view range;
  std::int64_t below;
};
inline constexpr std::array<ScoreBand, 5> kScoreBands{
    {{"<60", 6000}, {"60–69.99", 7000}, {"70–79.99", 8000}, {"80–89.99", 9000}, {"90–100", 10001}}};
// How many of the scores (hundredths) fall in each band, in kScoreBands' order.
std::array<int, kScoreBands.size()> count_by_band(std::span<const std::int64_t> scores);

}  // namespace qsm::domain
