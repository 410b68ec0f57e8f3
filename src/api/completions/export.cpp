// GET /api/completions/export.xlsx — the filtered list (all pages) as an Excel workbook.
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/values.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"

namespace qsm::api::completions {

http::Response export_xlsx(Context& ctx) {
  auto q = parse_query(ctx.req);
  const auto& grades = ctx.app.tuned().grades;
  const std::vector<print::XlsxColumn> columns{{"报监编号", 16}, {"工程名称", 36}, {"所在区", 10}, {"施工总包", 30},
                                               {"监理单位", 30}, {"竣工日期", 12}, {"总得分", 10}, {"建议等级", 10},
                                               {"状态", 26},     {"复核意见", 30}, {"结论", 10},   {"登记时间", 20}};
  auto sheet = list_sheet(ctx, "竣工评价", columns, q, std::string(domain::completion::state_label(q.status)));
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::query::each_completion(ctx.app, ctx.actor(), q, [&](const store::CompletionRow& r) {
      std::string grade, review, conclusion;
      if (r.score) grade = domain::label(domain::grade_of(domain::Points::from_hundredths(*r.score), grades));
      if (r.review_agree) review = std::string(*r.review_agree ? "同意" : "不同意") + (r.review_opinion ? "：" + *r.review_opinion : "");
      if (r.conclusion)
        if (auto g = domain::grade_from(*r.conclusion)) conclusion = domain::label(*g);
      add({r.registration_no, r.project_name, r.district, r.general_name, r.supervision_name.value_or(""),
           print::date_cell(r.fields.completion_date), print::score_cell(r.score), grade,
           std::string(domain::completion::state_label(r.status)), review, conclusion, print::time_cell(r.registered_at)});
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"completions.xlsx\"; filename*=UTF-8''%E7%AB%A3%E5%B7%A5%E8%AF%84%E4%BB%B7.xlsx");
}

}  // namespace qsm::api::completions
