// 申报表 layout: title, project and participants, declaration fields, approval trail.
#include "print/declaration_form.hpp"

#include "domain/checksum.hpp"
#include "domain/points.hpp"
#include "domain/workflow/declaration.hpp"
#include "print/pdf.hpp"

namespace qsm::print {
namespace {

std::string state_label(const std::optional<std::string>& s) {
  return s ? std::string(domain::declaration::state_label(*s)) : std::string{};
}

}  // namespace

std::string declaration_pdf(const DeclarationForm& d, const std::vector<TrailEntry>& trail, const DocumentMark& mark) {
  PdfDocument doc;
  doc.mark(mark);
  doc.title("建筑工程施工质量标准化管理申报表");
  doc.paragraph("报监编号：" + d.registration_no + "    状态：" + std::string(domain::declaration::state_label(d.status)) +
                "    打印时间：" + stamp(mark.printed_at));
  doc.heading("一、工程信息");
  doc.fields({{"工程名称", d.project_name},
              {"工程地址", d.address},
              {"所在区", d.district},
              {"监督机构", d.authority_name},
              {"结构类型", d.structure_type},
              {"建筑面积（m²）", domain::Points::from_hundredths(d.floor_area_centi).to_string()},
              {"登记计划工期", d.project_planned_start + " 至 " + d.project_planned_finish}});
  doc.heading("二、参建单位");
  std::vector<std::vector<std::string>> parties;
  if (d.general) parties.push_back({"施工总包", d.general->enterprise_name, d.general->enterprise_uscc, d.general->report_no});
  if (d.supervision) parties.push_back({"监理", d.supervision->enterprise_name, d.supervision->enterprise_uscc, d.supervision->report_no});
  doc.table({"类别", "单位名称", "统一社会信用代码", "合同信息报编号"}, {0.12, 0.40, 0.24, 0.24}, parties);
  doc.heading("三、申报信息");
  doc.fields({{"质量目标", d.quality_target},
              {"计划开工日期", d.planned_start},
              {"计划竣工日期", d.planned_finish},
              {"施工总包项目负责人", d.contractor_manager.name + "（" + domain::mask_mobile(d.contractor_manager.mobile) + "）"},
              {"监理项目负责人", d.supervision_manager.name + "（" + domain::mask_mobile(d.supervision_manager.mobile) + "）"},
              {"工程概况", d.overview}});
  if (d.review)
    doc.fields({{"监理复核", d.review->reviewer + " 于 " + stamp(d.review->at) + " 复核通过"},
                {"复核意见", d.review->opinion.empty() ? "（无）" : d.review->opinion}});
  doc.heading("四、审批记录");
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : trail)
    rows.push_back({stamp(a.at), std::string(domain::declaration::audit_action_label(a.action)),
                    a.organisation.value_or("") + (a.organisation && *a.organisation != a.actor_name ? " " + a.actor_name : ""),
                    state_label(a.from_state) + (a.to_state ? " → " + state_label(a.to_state) : ""), a.opinion.value_or("")});
  doc.table({"时间", "操作", "单位 / 人员", "状态", "意见"}, {0.17, 0.09, 0.28, 0.24, 0.22}, rows);
  doc.heading("签字盖章");
  doc.signatures({"施工单位项目负责人", "监理单位总监理工程师", "监督机构（受理）"});
  return doc.finish();
}

}  // namespace qsm::print
