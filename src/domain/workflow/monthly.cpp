// Monthly evaluation states, labels, decisions and the calendar rule.
#include "domain/workflow/monthly.hpp"

#include "domain/named.hpp"

#include <algorithm>

#include "domain/problems.hpp"

namespace qsm::domain::monthly {
namespace {

// The last due month before m (not exempt, not before acceptance), if any.
std::optional<YearMonth> previous_due(const Calendar& cal, YearMonth m) {
  for (auto p = m.prev(); p >= cal.accepted; p = p.prev())
    if (!cal.exempt.count(p)) return p;
  return std::nullopt;
}

constexpr std::array kSheets{
    Named<Sheet>{Sheet::self, "self", "自评"},
    Named<Sheet>{Sheet::review, "review", "复核"},
};

static_assert(in_enum_order(kSheets));

}  // namespace

std::string_view to_string(Sheet s) { return named(kSheets, s).code; }
std::string_view sheet_label(std::string_view code) { return label_of_code(kSheets, code).value_or(code); }
Action save_action(Sheet s) { return s == Sheet::self ? Action::save_self : Action::save_review; }
Action submit_action(Sheet s) { return s == Sheet::self ? Action::submit : Action::review_submit; }

namespace {

// Why an inactive project takes no new evaluation: a suspended one says since when and what to do.
std::string inactive_reason(const Calendar& cal) {
  if (cal.suspended_since)
    return "工程已于 " + format_date(*cal.suspended_since) + " 中止，恢复备案后才能继续月度评价（全月中止的月份无需评价）";
  return "工程当前为「" + cal.management_label + "」，不能新增月度评价";
}

}  // namespace

NextMonth next_month(const Calendar& cal) {
  if (!cal.active) return {std::nullopt, inactive_reason(cal)};
  for (auto m = cal.accepted; m <= cal.current; m = m.next()) {
    if (cal.exempt.count(m) || cal.existing.count(m)) continue;
    if (auto prev = previous_due(cal, m)) {
      if (!cal.existing.count(*prev)) return {std::nullopt, "请先新增 " + prev->to_string() + " 的月度评价"};  // not reachable: months go in order
      if (cal.drafts.count(*prev))
        return {std::nullopt, prev->to_string() + " 的月度评价尚未提交，提交后才能新增 " + m.to_string() + " 的评价"};
    }
    return {m, ""};
  }
  return {std::nullopt, "已评价至本月（" + cal.current.to_string() + "），" + cal.current.next().to_string() + " 起可新增下一月评价"};
}

bool is_whole_span(YearMonth first, YearMonth last, std::int64_t n) {
  const auto index = [](YearMonth m) { return std::int64_t{m.year} * 12 + m.month; };
  return n > 0 && index(last) - index(first) + 1 == n;
}

std::optional<std::set<YearMonth>> whole_span(YearMonth first, YearMonth last, std::int64_t n) {
  if (!is_whole_span(first, last, n)) return std::nullopt;
  std::set<YearMonth> out;
  for (auto m = first; m <= last; m = m.next()) out.insert(m);
  return out;
}

std::optional<std::set<YearMonth>> whole_span(std::string_view first, std::string_view last, std::int64_t n) {
  const auto f = YearMonth::parse(first), l = YearMonth::parse(last);
  return f && l ? whole_span(*f, *l, n) : std::nullopt;
}

void check_create(const Calendar& cal, YearMonth period) {
  const auto p = period.to_string();
  if (!cal.active)
    throw Failure(Error::invalid_transition, inactive_reason(cal), boost::json::object{{"management_status_label", cal.management_label}});
  if (cal.existing.count(period)) throw Failure(Error::conflict, p + " 已有月度评价，每月只能评价一次");
  if (period > cal.current)
    throw field_failure("period", "不能评价未来的月份：当前为 " + cal.current.to_string() + "，" + p + " 尚未到来");
  if (period < cal.accepted)
    throw field_failure("period", "申报于 " + cal.accepted.to_string() + " 受理，之前的 " + p + " 无需评价");
  if (cal.exempt.count(period)) throw field_failure("period", p + " 全月处于中止状态，无需月度评价");
  auto next = next_month(cal);
  if (next.period == period) return;
  throw field_failure("period", next.period ? "请先新增 " + next.period->to_string() + " 的月度评价（须逐月评价）" : next.reason);
}

}  // namespace qsm::domain::monthly
