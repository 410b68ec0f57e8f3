// The title row of a list export says what the user filtered, so a file read later tells its scope.
#include "api/exports.hpp"

#include "domain/time.hpp"

namespace qsm::api {

print::XlsxSheet list_sheet(const Context& ctx, std::string name, std::vector<print::XlsxColumn> columns, const store::ListQuery& q,
                            std::string status_label, std::vector<ExportCondition> more) {
  std::vector<ExportCondition> all{{"关键字", q.q}, {"状态", std::move(status_label)}, {"所在区", q.district}};
  for (auto& c : more) all.push_back(std::move(c));
  std::string conditions;
  for (const auto& [label, value] : all)
    if (!value.empty()) conditions += (conditions.empty() ? "" : "；") + label + " " + value;
  print::XlsxSheet sheet;
  sheet.name = std::move(name);
  sheet.conditions = std::move(conditions);
  sheet.exported_at_ms = domain::to_millis(ctx.app.clock.now());
  sheet.columns = std::move(columns);
  sheet.row_limit = ctx.app.tuned().export_row_limit;
  return sheet;
}

std::string query_text(const Context& ctx, std::string_view name) {
  auto v = ctx.req.query_param(name);
  return v ? std::string(*v) : std::string{};
}

std::string range_text(const std::string& from, const std::string& to) {
  if (from.empty() && to.empty()) return {};
  if (to.empty()) return from + " 起";
  if (from.empty()) return "至 " + to;
  return from + " 至 " + to;
}

}  // namespace qsm::api
