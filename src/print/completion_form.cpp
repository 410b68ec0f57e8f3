// 竣工评价表 layout: header fields, the application, the scores behind the overall score (months
// and quarters), the suggested grade, the review and the registration, signatures and the trail.
#include "print/completion_form.hpp"

#include "domain/workflow/completion.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "print/pdf.hpp"
#include "print/trail.hpp"

namespace qsm::print {
namespace {

std::string score_text(std::optional<std::int64_t> h) { return h ? domain::Points::from_hundredths(*h).to_string() : "—"; }

std::string grade_text(std::optional<std::int64_t> h, const domain::GradeThresholds& grades) {
  return h ? std::string(domain::label(domain::grade_of(domain::Points::from_hundredths(*h), grades))) : "—";
}

std::string conclusion_text(const std::optional<std::string>& code) {
  auto g = code ? domain::grade_from(*code) : std::nullopt;
  return g ? std::string(domain::label(*g)) : "—";
}

}  // namespace

std::string completion_pdf(const CompletionForm& c, const domain::GradeThresholds& grades, const std::vector<TrailEntry>& trail,
                           const DocumentMark& mark) {
  PdfDocument doc;
  doc.mark(mark);
  doc.title("建筑工程施工质量标准化竣工评价表");
  doc.paragraph("状态：" + std::string(domain::completion::state_label(c.status)) + "    打印时间：" + stamp(mark.printed_at));
  doc.fields({{"报监编号", c.registration_no},
              {"工程名称", c.project_name},
              {"所在区", c.district},
              {"施工总包单位", c.general_name},
              {"监理单位", c.supervision_name.value_or("")},
              {"竣工日期", c.completion_date},
              {"申请时间", stamp(domain::from_millis(c.applied_at))}});

  doc.heading("竣工验收信息");
  doc.paragraph(c.acceptance_info);
  doc.heading("自评情况");
  doc.paragraph(c.self_assessment);

  doc.heading("月度评价得分");
  std::vector<std::vector<std::string>> months;
  for (const auto& m : c.months) {
    if (domain::monthly::state_from(m.status) == domain::monthly::State::draft) continue;
    months.push_back({m.period, score_text(m.review_score), std::string(domain::monthly::state_label(m.status))});
  }
  doc.table({"评价期间", "复核得分", "状态"}, {0.25, 0.25, 0.50}, months);

  doc.heading("季度评价得分");
  std::vector<std::vector<std::string>> quarters;
  for (const auto& q : c.quarters)
    quarters.push_back({q.quarter, score_text(q.score), grade_text(q.score, grades), std::string(domain::quarterly::state_label(q.status)),
                        conclusion_text(q.conclusion)});
  doc.table({"季度", "季度得分", "建议等级", "状态", "登记结论"}, {0.18, 0.18, 0.18, 0.28, 0.18}, quarters);

  doc.heading("竣工评价得分");
  doc.fields({{"总得分（全部已复核月度得分的平均值）", score_text(c.score)}, {"建议等级", grade_text(c.score, grades)}});
  doc.paragraph("等级划分：优良 ≥ " + grades.excellent.to_string() + "，合格 " + grades.qualified.to_string() + " ～ " +
                (grades.excellent - domain::Points::from_hundredths(1)).to_string() + "，不合格 < " + grades.qualified.to_string() + "。");

  doc.heading("监理机构复核");
  if (c.review_agree)
    doc.fields({{"复核意见", std::string(*c.review_agree ? "同意" : "不同意")}, {"说明", c.review_opinion.value_or("")},
                {"复核人", c.reviewer.value_or("")}});
  else
    doc.paragraph("尚未复核。");

  doc.heading("监督机构信息登记");
  if (c.registered_at)
    doc.fields({{"监督意见", c.register_opinion.value_or("")}, {"结论", conclusion_text(c.conclusion)},
                {"登记单位", c.registered_by.value_or("")}, {"登记时间", stamp(domain::from_millis(*c.registered_at))}});
  else
    doc.paragraph("尚未登记。");

  doc.heading("签字盖章");
  doc.signatures({"施工单位项目负责人", "监理单位总监理工程师", "监督机构"});
  audit_trail(doc, trail, domain::completion::audit_action_label);
  return doc.finish();
}

}  // namespace qsm::print
