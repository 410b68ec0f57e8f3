// 竣工评价表: the printed completion evaluation with every month's and quarter's score, the
// overall score and grade, the review and registration opinions, and the trail.
#pragma once
#include <string>
#include <vector>

#include "domain/grade.hpp"
#include "service/completion_service.hpp"
#include "store/audit.hpp"

namespace qsm::print {

std::string completion_pdf(const service::CompletionDetail& d, const domain::GradeThresholds& grades,
                           const std::vector<store::AuditRecord>& audit, domain::Instant printed_at);

}  // namespace qsm::print
