// GET /api/monthly/export.xlsx — the filtered list (all pages) as an Excel workbook.
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/values.hpp"
#include "api/monthly/codec.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"

namespace qsm::api::monthly {

namespace dm = domain::monthly;

http::Response export_xlsx(Context& ctx) {
  auto q = parse_query(ctx.req);
  const std::vector<print::XlsxColumn> columns{{"报监编号", 16}, {"工程名称", 36}, {"所在区", 10}, {"施工总包", 30},
                                               {"监理单位", 30}, {"评价期间", 10}, {"自评得分", 10}, {"复核得分", 10},
                                               {"状态", 26},     {"提交时间", 20}, {"复核提交时间", 20}};
  auto sheet = list_sheet(ctx, "月度评价", columns, q, std::string(dm::state_label(q.status)),
                          {{"评价期间", range_text(q.period_from, q.period_to)}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::query::each_monthly(ctx.app, ctx.actor(), q, [&](const store::MonthlyRow& m) {
      add({m.registration_no, m.project_name, m.district, m.general_name, m.supervision_name.value_or(""), m.period,
           print::score_cell(m.self_score), print::score_cell(m.review_score), std::string(dm::state_label(m.status)),
           print::time_cell(m.submitted_at), print::time_cell(m.filed_at)});
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"monthly.xlsx\"; filename*=UTF-8''%E6%9C%88%E5%BA%A6%E8%AF%84%E4%BB%B7.xlsx");
}

}  // namespace qsm::api::monthly
