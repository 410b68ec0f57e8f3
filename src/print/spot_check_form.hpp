// 抽查比对记录: the printed spot-check of one month — the agreement rates, the clauses where the
// authority found the site not conforming or a sheet disagreed, and the finding photos.
#pragma once
#include <string>
#include <vector>

#include "domain/spot_check.hpp"
#include "domain/time.hpp"
#include "print/monthly_form.hpp"

#include "print/pdf.hpp"

namespace qsm::print {

struct SpotCheckForm {
  MonthlyForm month;
  std::string status_label, inspector;
};

std::string spot_check_pdf(const SpotCheckForm& f, const domain::spot_check::Comparison& cmp, const std::vector<PrintedPhoto>& photos,
                           const DocumentMark& mark);

}  // namespace qsm::print
