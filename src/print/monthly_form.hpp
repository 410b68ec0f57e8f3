// 月度评价表: the printed monthly evaluation, every clause with both sheets' results.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/scoring/engine.hpp"
#include "store/audit.hpp"
#include "store/monthly_store.hpp"

namespace qsm::print {

struct PrintedSheet {
  domain::scoring::SheetInput input;
  domain::scoring::SheetResult result;
  bool saved = true;  // false: the review has not been saved yet (nothing to print for it)
};

std::string monthly_pdf(const store::MonthlyRow& m, const domain::scoring::Template& t, const PrintedSheet& self,
                        const std::optional<PrintedSheet>& review, const std::vector<store::AuditRecord>& audit,
                        domain::Instant printed_at);

}  // namespace qsm::print
