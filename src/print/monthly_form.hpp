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

// A photo of a deduction (issue 23): its thumbnail (JPEG) and who took it when.
struct PrintedPhoto {
  std::string clause, thumbnail, taken_at, uploader;  // taken_at: "拍摄 …" or "上传 …"
};

struct PrintedSheet {
  domain::scoring::SheetInput input;
  domain::scoring::SheetResult result;
  bool saved = true;  // false: the review has not been saved yet (nothing to print for it)
  std::vector<PrintedPhoto> photos;  // printed under 扣分项照片 for the clauses the result deducts
};

std::string monthly_pdf(const MonthlyForm& m, const domain::scoring::Template& t, const PrintedSheet& self,
                        const std::optional<PrintedSheet>& review, const std::vector<TrailEntry>& trail, domain::Instant printed_at);

}  // namespace qsm::print
