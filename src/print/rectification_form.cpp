#include "print/rectification_form.hpp"

#include "print/pdf.hpp"
#include "print/trail.hpp"

namespace qsm::print {
namespace {

std::vector<PdfDocument::Photo> photos_of(const std::vector<RectificationPhoto>& photos) {
  std::vector<PdfDocument::Photo> out;
  for (const auto& p : photos) out.push_back({p.thumbnail, p.caption});
  return out;
}

void project(PdfDocument& doc, const RectificationForm& f) {
  doc.fields({{"指令单编号", f.number},
              {"报监编号", f.registration_no},
              {"工程名称", f.project_name},
              {"所在区", f.district},
              {"施工总包单位", f.general_name},
              {"监理单位", f.supervision_name}});
}

}  // namespace

std::string rectification_pdf(const RectificationForm& f, const DocumentMark& mark) {
  PdfDocument doc;
  doc.mark(mark);
  doc.title("上海市建设工程质量安全监督整改指令单");
  doc.paragraph(f.number + "    状态：" + f.status_label + "    打印时间：" + stamp(mark.printed_at));
  project(doc, f);
  doc.fields({{"整改类型", f.kind_label},
              {"整改期限", f.deadline + " 前完成整改并书面回复"},
              {"复查人", f.recheck_by},
              {"下发单位", f.issuer},
              {"下发时间", f.issued_at}});
  if (f.source) doc.paragraph("来源：" + *f.source);
  if (!f.basis.empty()) {
    doc.heading("依据");
    doc.paragraph(f.basis);
  }
  doc.heading("存在的问题");
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : f.items) rows.push_back({std::to_string(i.position), i.clause, i.problem, i.status_label});
  doc.table({"序号", "违反条文", "存在的问题", "状态"}, {0.08, 0.30, 0.47, 0.15}, rows);
  if (!f.issue_photos.empty()) {
    doc.heading("问题照片（" + std::to_string(f.issue_photos.size()) + " 张）");
    doc.photos(photos_of(f.issue_photos));
  }
  doc.paragraph(f.kind_label == "停工整改" ? "请立即停止相关部位施工，按上述问题整改完毕、经监理机构确认并经复查合格后方可恢复施工。"
                                           : "请在整改期限内按上述问题整改完毕，经监理机构确认后书面回复监督机构复查。");
  doc.heading("签发与签收");
  doc.signatures({"监督机构（监督人员）", "施工单位签收人"});

  if (f.rounds.empty()) return doc.finish();
  doc.page_break();
  doc.title("上海市建设工程质量安全监督整改回复单");
  doc.paragraph("对应整改指令单：" + f.number + "    打印时间：" + stamp(mark.printed_at));
  project(doc, f);
  for (const auto& r : f.rounds) {
    doc.heading("第 " + std::to_string(r.round) + " 轮整改（期限 " + r.deadline + "）");
    std::vector<std::vector<std::string>> replies;
    for (const auto& x : r.replies) replies.push_back({std::to_string(x.position), x.measure, x.recheck.empty() ? "待复查" : x.recheck});
    doc.table({"序号", "整改措施", "复查结果"}, {0.08, 0.62, 0.30}, replies);
    if (!r.photos.empty()) doc.photos(photos_of(r.photos));
    doc.fields({{"施工单位回复", r.replied.empty() ? "—" : r.replied},
                {"监理机构确认", r.confirmation.empty() ? "待确认" : r.confirmation},
                {"监督机构复查", r.rechecked.empty() ? "待复查" : r.rechecked}});
  }
  doc.heading("签字盖章");
  doc.signatures({"施工单位项目负责人", "监理单位总监理工程师", "监督机构（复查人）"});
  return doc.finish();
}

}  // namespace qsm::print
