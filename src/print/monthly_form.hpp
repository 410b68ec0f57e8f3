// 月度评价表: the printed monthly evaluation, every clause with both sheets' results.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/scoring/engine.hpp"
#include "domain/time.hpp"
#include "print/trail.hpp"

namespace qsm::print {

// What the 月度评价表's header shows, filled by the caller from the evaluation.
struct MonthlyForm {
  std::string period, status;  // the evaluation's state code
  std::string registration_no, project_name, district, general_name;
  std::optional<std::string> supervision_name;
};

struct PrintedSheet {
  domain::scoring::SheetInput input;
  domain::scoring::SheetResult result;
  bool saved = true;  // false: the review has not been saved yet (nothing to print for it)
};

std::string monthly_pdf(const MonthlyForm& m, const domain::scoring::Template& t, const PrintedSheet& self,
                        const std::optional<PrintedSheet>& review, const std::vector<TrailEntry>& trail, domain::Instant printed_at);

}  // namespace qsm::print
