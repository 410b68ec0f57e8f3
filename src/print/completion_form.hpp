// 竣工评价表: the printed completion evaluation with every month's and quarter's score, the
// overall score and grade, the review and registration opinions, and the trail.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/grade.hpp"
#include "domain/time.hpp"
#include "print/trail.hpp"

#include "print/pdf.hpp"

namespace qsm::print {

// What the 竣工评价表 shows, filled by the caller from the completion evaluation, its declaration's
// months and quarters. Scores are hundredths; times are milliseconds since the epoch.
struct CompletionForm {
  struct Month {
    std::string period, status;  // the month's state code
    std::optional<std::int64_t> review_score;
  };
  struct Quarter {
    std::string quarter, status;  // the quarter's state code
    std::optional<std::int64_t> score;
    std::optional<std::string> conclusion;  // the latest registration's grade code
  };
  std::string status;  // the completion's state code
  std::string registration_no, project_name, district, general_name;
  std::optional<std::string> supervision_name;
  std::string completion_date, acceptance_info, self_assessment;
  std::int64_t applied_at = 0;
  std::optional<std::int64_t> score;
  std::optional<bool> review_agree;
  std::optional<std::string> review_opinion, reviewer;
  std::optional<std::string> register_opinion, conclusion, registered_by;
  std::optional<std::int64_t> registered_at;
  std::vector<Month> months;      // oldest first
  std::vector<Quarter> quarters;  // oldest first
};

std::string completion_pdf(const CompletionForm& c, const domain::GradeThresholds& grades, const std::vector<TrailEntry>& trail,
                           const DocumentMark& mark);

}  // namespace qsm::print
