// GET /api/quarterly/export.xlsx — the filtered list (all pages) as an Excel workbook.
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/values.hpp"
#include "api/quarterly/codec.hpp"
#include "domain/workflow/quarterly.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"

namespace qsm::api::quarterly {

http::Response export_xlsx(Context& ctx) {
  auto q = parse_query(ctx.req);
  const auto& grades = ctx.app.tuned().grades;
  const std::vector<print::XlsxColumn> columns{{"报监编号", 16}, {"工程名称", 36}, {"所在区", 10},   {"施工总包", 30},
                                               {"季度", 10},     {"已复核月数", 10}, {"季度得分", 10}, {"建议等级", 10},
                                               {"状态", 14},     {"监督检查日期", 14}, {"结论", 10},   {"登记时间", 20}};
  auto sheet = list_sheet(ctx, "季度评价", columns, q, std::string(domain::quarterly::state_label(q.status)),
                          {{"季度", range_text(q.quarter_from, q.quarter_to)}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::query::each_quarterly(ctx.app, ctx.actor(), q, [&](const store::QuarterlyRow& r) {
      std::string grade, conclusion;
      print::XlsxCell inspected, registered;
      if (r.score) grade = domain::label(domain::grade_of(domain::Points::from_hundredths(*r.score), grades));
      if (r.latest) {
        inspected = print::date_cell(r.latest->inspection_date);
        if (auto g = domain::grade_from(r.latest->conclusion)) conclusion = domain::label(*g);
        registered = print::time_cell(r.latest->registered_at);
      }
      std::string status(domain::quarterly::state_label(r.status));
      if (domain::quarterly::state_from(r.status) == domain::quarterly::State::pending && r.registration_count > 0) status += "（补充登记）";
      add({r.registration_no, r.project_name, r.district, r.general_name, r.quarter, print::count_cell(r.month_count),
           print::score_cell(r.score), grade, status, inspected, conclusion, registered});
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"quarterly.xlsx\"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E8%AF%84%E4%BB%B7.xlsx");
}

}  // namespace qsm::api::quarterly
