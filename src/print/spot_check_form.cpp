#include "print/spot_check_form.hpp"

#include "print/pdf.hpp"
#include "print/trail.hpp"

namespace qsm::print {
namespace {

std::string side(const domain::scoring::Deduction* d, bool exists) {
  if (!exists) return "未复核";
  return d ? "扣分：" + d->problem : "未扣分";
}

std::string agreement(const char* who, const domain::spot_check::Agreement& a, std::size_t total) {
  return std::string(who) + "与监督机构结论一致 " + std::to_string(a.agree) + " / " + std::to_string(total) + " 条，符合率 " + a.rate.to_string() + "%";
}

}  // namespace

std::string spot_check_pdf(const SpotCheckForm& f, const domain::spot_check::Comparison& cmp, const std::vector<PrintedPhoto>& photos,
                           const DocumentMark& mark) {
  PdfDocument doc;
  doc.mark(mark);
  doc.title("建筑工程施工质量标准化抽查比对记录");
  doc.paragraph("评价期间：" + f.month.period + "    抽查状态：" + f.status_label + "    打印时间：" + stamp(mark.printed_at));
  doc.fields({{"报监编号", f.month.registration_no},
              {"工程名称", f.month.project_name},
              {"所在区", f.month.district},
              {"施工总包单位", f.month.general_name},
              {"监理单位", f.month.supervision_name.value_or("")},
              {"检查人员", f.inspector}});

  doc.heading("符合率");
  doc.paragraph(agreement("自评", cmp.self, cmp.clauses.size()));
  doc.paragraph(cmp.review ? agreement("复核", *cmp.review, cmp.clauses.size()) : std::string("复核：监理机构尚未复核"));

  doc.heading("不符合或不一致的条文");
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cmp.clauses) {
    const auto review_agrees = c.review_agrees();
    if (c.authority.conforms && c.self_agrees() && review_agrees.value_or(true)) continue;
    rows.push_back({c.clause->code + " " + c.clause->text, side(c.self, true) + (c.self_agrees() ? "" : "\n（不一致）"),
                    side(c.review, c.review_exists) + (review_agrees.value_or(true) ? "" : "\n（不一致）"),
                    std::string(c.authority.conforms ? "符合" : "不符合") + (c.authority.note.empty() ? "" : "\n" + c.authority.note)});
  }
  if (rows.empty())
    doc.paragraph("全部条文符合要求，自评与复核均与监督机构结论一致。");
  else
    doc.table({"条文", "自评", "复核", "监督机构结论"}, {0.40, 0.20, 0.20, 0.20}, rows);

  if (!photos.empty()) {
    doc.heading("抽查照片（" + std::to_string(photos.size()) + " 张）");
    std::vector<PdfDocument::Photo> items;
    for (const auto& p : photos) items.push_back({p.thumbnail, "条文 " + p.clause + "\n" + p.taken_at + "\n" + p.uploader});
    doc.photos(items);
  }

  doc.heading("签字盖章");
  doc.signatures({"监督机构（检查人员）"});
  return doc.finish();
}

}  // namespace qsm::print
