// Completion evaluation states, labels, decisions and the completeness rule.
#include "domain/workflow/completion.hpp"

#include "domain/named.hpp"

namespace qsm::domain::completion {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

}  // namespace

YearMonth last_due_month(Date today) {
  auto current = YearMonth::of(today);
  return static_cast<unsigned>(today.day()) <= 15 ? current.prev() : current;
}

Completeness check_completeness(const Record& r) {
  Completeness out;
  out.last_due = std::max(last_due_month(r.today), r.accepted);
  std::vector<std::string> month_texts;
  std::set<Quarter> due_quarters;
  for (auto m = r.accepted; m <= out.last_due; m = m.next()) {
    if (r.exempt.count(m)) continue;
    due_quarters.insert(Quarter::of(m));
    auto it = r.months.find(m);
    if (it != r.months.end() && (it->second == monthly::State::filed || it->second == monthly::State::registered)) continue;
    out.missing_months.push_back(m);
    month_texts.push_back(m.to_string() + "（" + std::string(it == r.months.end() ? "未评价" : monthly::label(it->second)) + "）");
  }
  std::vector<std::string> quarter_texts;
  for (const auto& q : due_quarters) {
    auto it = r.quarters.find(q);
    if (it != r.quarters.end() && it->second == quarterly::State::registered) continue;
    out.unregistered_quarters.push_back(q);
    quarter_texts.push_back(q.to_string());
  }
  if (out.complete()) return out;

  out.message = "评价记录尚不完整，暂不能申请竣工评价（须评价至 " + out.last_due.to_string() + "）。";
  if (!month_texts.empty()) out.message += "尚未经监理机构复核提交的月度评价：" + join(month_texts) + "。";
  if (!quarter_texts.empty()) out.message += "尚未完成季度评价监督信息登记的季度：" + join(quarter_texts) + "。";
  out.message +=
      "解决方法：（1）当月 15 日前（含 15 日）申请的，请联系监督机构完成该项目当季季度评价监督信息登记后，再申请竣工评价；"
      "（2）15 日以后申请的，请先完成当月月度评价并提交监理机构复核，复核完成后联系监督机构完成当季季度评价监督信息登记，"
      "再申请竣工评价。";
  return out;
}

}  // namespace qsm::domain::completion
