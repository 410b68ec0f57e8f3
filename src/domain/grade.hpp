// Grades suggested for quarterly and completion records (SPEC §3.4): thresholds default to the
// national safety-check convention (JGJ 59) and are configurable; means of scores are exact.
#pragma once
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

}  // namespace qsm::domain
