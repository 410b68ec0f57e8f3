// 月度评价表 layout: header fields, one table per check item (clauses with the self and review
// deductions, n and points; the item's 应得分/实得分 in its heading), the totals with the
// conversion formula, signatures and the record's trail.
#include "print/monthly_form.hpp"

#include <map>

#include "domain/workflow/monthly.hpp"
#include "print/pdf.hpp"
#include "print/trail.hpp"

namespace qsm::print {
namespace {

namespace scoring = domain::scoring;

struct SheetIndex {
  std::map<std::string, const scoring::DeductionResult*> by_clause;
  std::map<std::string, const scoring::ItemResult*> by_item;
  explicit SheetIndex(const scoring::SheetResult& r) {
    for (const auto& d : r.deductions) by_clause[d.clause] = &d;
    for (const auto& i : r.items) by_item[i.code] = &i;
  }
};

std::string deduction_cell(const SheetIndex& s, const std::string& clause, bool not_applicable) {
  if (not_applicable) return "不参与";
  auto it = s.by_clause.find(clause);
  if (it == s.by_clause.end()) return "—";
  const auto& d = *it->second;
  return "扣 " + d.points.to_string() + "（第" + std::to_string(d.n) + "次）\n" + d.problem;
}

std::string item_totals(const char* who, const scoring::ItemResult& i) {
  if (i.not_applicable) return std::string(who) + "：不参与评价";
  return std::string(who) + "：应得分 " + i.standard.to_string() + "，实得分 " + i.actual.to_string();
}

std::string formula(const char* who, const scoring::SheetResult& r) {
  return std::string(who) + "得分 = 实得分合计 " + r.actual.to_string() + " ÷ 应得分合计 " + r.possible.to_string() + " × 100 = " +
         r.score.to_string();
}

}  // namespace

std::string monthly_pdf(const MonthlyForm& m, const scoring::Template& t, const PrintedSheet& self,
                        const std::optional<PrintedSheet>& review, const std::vector<TrailEntry>& trail, const DocumentMark& mark,
                        bool full) {
  const bool has_review = review && review->saved;
  const SheetIndex si(self.result);
  const std::optional<SheetIndex> ri = has_review ? std::optional<SheetIndex>(SheetIndex(review->result)) : std::nullopt;

  PdfDocument doc;
  doc.mark(mark);
  doc.title("建筑工程施工质量标准化月度评价表");
  doc.paragraph("评价期间：" + m.period + "    状态：" + std::string(domain::monthly::state_label(m.status)) + "    打印时间：" + stamp(mark.printed_at));
  doc.fields({{"报监编号", m.registration_no},
              {"工程名称", m.project_name},
              {"所在区", m.district},
              {"施工总包单位", m.general_name},
              {"监理单位", m.supervision_name.value_or("")},
              {"评分标准", t.name + "（" + t.code + " 第 " + std::to_string(t.version) + " 版）"}});

  // Every clause of every check item (?full=true); the compact form lists the deducted ones below.
  if (full) {
    int n = 0;
    for (const auto& item : t.check_items) {
      ++n;
      const auto& self_item = *si.by_item.at(item.code);
      std::string heading = std::to_string(n) + "．" + item.name + "（标准分 " + item.standard_score.to_string() + "）";
      doc.heading(heading);
      doc.paragraph(item_totals("自评", self_item) +
                    (ri ? "；" + item_totals("复核", *ri->by_item.at(item.code)) : std::string("；复核：未复核")));
      std::vector<std::vector<std::string>> rows;
      for (const auto& sub : item.sub_items)
        for (const auto& clause : sub.clauses)
          // The sub-item is named on its first clause only, so a page carries more clauses.
          rows.push_back({&clause == &sub.clauses.front() ? sub.name + "\n（" + sub.score.to_string() + " 分）" : "", clause.code + " " + clause.text,
                          deduction_cell(si, clause.code, self_item.not_applicable),
                          ri ? deduction_cell(*ri, clause.code, ri->by_item.at(item.code)->not_applicable) : "—"});
      doc.table({"分项（分项得分）", "条文", "自评扣分", "复核扣分"}, {0.17, 0.43, 0.20, 0.20}, rows);
    }
  }

  doc.heading(full ? "汇总" : "检查项目汇总");
  std::vector<std::vector<std::string>> totals;
  for (const auto& item : t.check_items) {
    const auto& s = *si.by_item.at(item.code);
    std::vector<std::string> row{item.name, item.standard_score.to_string(), s.not_applicable ? "不参与" : s.standard.to_string(),
                                 s.not_applicable ? "—" : s.actual.to_string()};
    if (ri) {
      const auto& r = *ri->by_item.at(item.code);
      row.push_back(r.not_applicable ? "不参与" : r.standard.to_string());
      row.push_back(r.not_applicable ? "—" : r.actual.to_string());
    } else {
      row.insert(row.end(), {"—", "—"});
    }
    totals.push_back(std::move(row));
  }
  totals.push_back({"合计", "100", self.result.possible.to_string(), self.result.actual.to_string(),
                    ri ? review->result.possible.to_string() : "—", ri ? review->result.actual.to_string() : "—"});
  doc.table({"检查项目", "标准分", "自评应得分", "自评实得分", "复核应得分", "复核实得分"}, {0.30, 0.10, 0.15, 0.15, 0.15, 0.15}, totals);
  doc.paragraph("换算：月度得分 = 实得分合计 ÷ 应得分合计 × 100，不参与评价的检查项目的应得分从总分中剔除，结果四舍五入保留两位小数。");
  doc.paragraph(formula("自评", self.result));
  if (has_review) doc.paragraph(formula("复核", review->result));
  doc.paragraph("扣分规则：" + domain::scoring::occurrence_rule_text() + "；检查项目实得分最低为 0。");

  if (!full) {
    // 扣分条文: the clauses either sheet deducts, in the template's order.
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : t.check_items) {
      const bool self_na = si.by_item.at(item.code)->not_applicable;
      const bool review_na = ri && ri->by_item.at(item.code)->not_applicable;
      for (const auto& sub : item.sub_items)
        for (const auto& clause : sub.clauses) {
          const bool in_self = si.by_clause.contains(clause.code);
          const bool in_review = ri && ri->by_clause.contains(clause.code);
          if (!in_self && !in_review) continue;
          rows.push_back({item.name + " / " + sub.name, clause.code + " " + clause.text, deduction_cell(si, clause.code, self_na),
                          ri ? deduction_cell(*ri, clause.code, review_na) : "—"});
        }
    }
    doc.heading("扣分条文（" + std::to_string(rows.size()) + " 条）");
    if (rows.empty())
      doc.paragraph("本月自评与复核均无扣分条文。");
    else
      doc.table({"检查项目 / 分项", "条文", "自评扣分", "复核扣分"}, {0.17, 0.37, 0.23, 0.23}, rows);
    doc.paragraph("本表为简表，未扣分的条文不逐条列出；逐条打印请选择“完整版”。");
  }

  // 扣分项照片: each sheet's photos of the clauses it deducts, in clause order.
  auto photos_of = [](const PrintedSheet& s) {
    std::vector<PdfDocument::Photo> out;
    for (const auto& d : s.result.deductions)
      for (const auto& p : s.photos)
        if (p.clause == d.clause) out.push_back({p.thumbnail, "条文 " + p.clause + "\n" + p.taken_at + "\n" + p.uploader});
    return out;
  };
  const auto self_photos = photos_of(self);
  const auto review_photos = has_review ? photos_of(*review) : std::vector<PdfDocument::Photo>{};
  if (!self_photos.empty() || !review_photos.empty()) {
    doc.heading("扣分项照片");
    if (!self_photos.empty()) {
      doc.paragraph("自评（" + std::to_string(self_photos.size()) + " 张）");
      doc.photos(self_photos);
    }
    if (!review_photos.empty()) {
      doc.paragraph("复核（" + std::to_string(review_photos.size()) + " 张）");
      doc.photos(review_photos);
    }
  }

  doc.heading("签字盖章");
  doc.signatures({"施工单位项目负责人", "监理单位总监理工程师"});

  audit_trail(doc, trail, domain::monthly::audit_action_label);
  return doc.finish();
}

}  // namespace qsm::print
