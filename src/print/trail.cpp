// The printed trail.
#include "print/trail.hpp"

namespace qsm::print {

std::string stamp(domain::Instant t) { return domain::format_instant(t).substr(0, 16).replace(10, 1, " "); }

void audit_trail(PdfDocument& doc, const std::vector<TrailEntry>& trail, std::string_view (*action_label)(std::string_view)) {
  doc.heading("评价记录");
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : trail)
    rows.push_back({stamp(a.at), std::string(action_label(a.action)),
                    a.organisation.value_or("") + (a.organisation && *a.organisation != a.actor_name ? " " + a.actor_name : ""),
                    a.opinion.value_or("")});
  doc.table({"时间", "操作", "单位 / 人员", "说明"}, {0.18, 0.14, 0.38, 0.30}, rows);
}

}  // namespace qsm::print
