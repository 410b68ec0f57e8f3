// 月度评价表: the printed monthly evaluation. Compact by default: the summary per check item, then only
// the clauses either sheet deducts, with problems and photos, the signatures and the trail; `full`
// adds every clause of every check item with both sheets' results (?full=true).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/scoring/engine.hpp"
#include "domain/time.hpp"
#include "print/trail.hpp"

#include "print/pdf.hpp"

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
                        const std::optional<PrintedSheet>& review, const std::vector<TrailEntry>& trail, const DocumentMark& mark,
                        bool full = false);

}  // namespace qsm::print
