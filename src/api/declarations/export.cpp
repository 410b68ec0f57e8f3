// GET /api/declarations/export.xlsx — the filtered list (all pages) as an Excel workbook.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/values.hpp"
#include "domain/workflow/declaration.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"

namespace qsm::api::declarations {

http::Response export_xlsx(Context& ctx) {
  auto q = parse_query(ctx.req);
  const std::vector<print::XlsxColumn> columns{{"报监编号", 16}, {"工程名称", 36},   {"所在区", 10},   {"监督机构", 26},
                                               {"施工总包", 30}, {"监理单位", 30},   {"质量目标", 12}, {"计划开工", 12},
                                               {"计划竣工", 12}, {"状态", 14},       {"申报时间", 20}, {"更新时间", 20}};
  auto sheet = list_sheet(ctx, "申报", columns, q, std::string(domain::declaration::state_label(q.status)),
                          {{"申报日期", range_text(query_text(ctx, "from"), query_text(ctx, "to"))}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::query::each_declaration(ctx.app, ctx.actor(), q, [&](const store::DeclarationRow& d) {
      add({d.registration_no, d.project_name, d.district, d.authority_name, d.general_name, d.supervision_name.value_or(""),
           d.quality_target, print::date_cell(d.planned_start), print::date_cell(d.planned_finish),
           std::string(domain::declaration::state_label(d.status)), print::time_cell(d.created_at), print::time_cell(d.updated_at)});
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"declarations.xlsx\"; filename*=UTF-8''%E7%94%B3%E6%8A%A5.xlsx");
}

}  // namespace qsm::api::declarations
