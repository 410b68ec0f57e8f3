// What every .xlsx export of a list shares: the title row's conditions (what the user filtered) and
// time, the row limit of the server's settings, and the attachment it is answered as.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "api/context.hpp"
#include "print/xlsx.hpp"

namespace qsm::api {

// A condition of the title row: its label and value; one with an empty value is left out.
using ExportCondition = std::pair<std::string, std::string>;

// The sheet of a list export named `name`: conditions 关键字, 状态 (status_label: the filter's
// label, "" for any), 所在区 and then `more`, the current time, the settings' row limit.
print::XlsxSheet list_sheet(const Context& ctx, std::string name, std::vector<print::XlsxColumn> columns, const store::ListQuery& q,
                            std::string status_label, std::vector<ExportCondition> more = {});

// A request parameter's text ("" when absent), for a condition.
std::string query_text(const Context& ctx, std::string_view name);

// "2026-01 至 2026-03", "2026-01 起", "至 2026-03" or "" for a range of two optional bounds.
std::string range_text(const std::string& from, const std::string& to);

}  // namespace qsm::api
