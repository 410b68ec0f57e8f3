// Excel exports (.xlsx) in libxlsxwriter's constant-memory mode: rows are written as they come,
// so a 100k-row list never sits in memory.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace qsm::print {

struct XlsxColumn {
  std::string title;  // Chinese header
  double width;       // characters
};

// Calls produce(add_row) which adds every row; returns the workbook's bytes.
std::string write_xlsx(const std::string& sheet_name, const std::vector<XlsxColumn>& columns,
                       const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>& produce);

}  // namespace qsm::print
