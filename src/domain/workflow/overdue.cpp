// Overdue monthly evaluations.
#include "domain/workflow/overdue.hpp"

namespace qsm::domain::overdue {

std::string_view label(Lateness l) {
  switch (l) {
    case Lateness::submission: return "自评逾期未提交";
    case Lateness::review: return "复核逾期未提交";
    case Lateness::rectification: return "逾期未整改";
    default: return "";
  }
}

std::string_view to_string(Lateness l) {
  switch (l) {
    case Lateness::submission: return "submission";
    case Lateness::review: return "review";
    case Lateness::rectification: return "rectification";
    default: return "none";
  }
}

Date submission_due(YearMonth m, const Deadlines& d) { return m.next().day(d.submit_day); }

Date review_due(YearMonth m, Date submitted, const Deadlines& d) {
  return std::max(m.next().day(d.review_day), Date{std::chrono::sys_days(submitted) + std::chrono::days(d.review_days)});
}

Late lateness(YearMonth m, std::optional<monthly::State> state, std::optional<Date> submitted, Date today, const Deadlines& d) {
  const bool unsubmitted = !state || *state == monthly::State::draft;
  if (unsubmitted) {
    const auto due = submission_due(m, d);
    return today > due ? Late{Lateness::submission, due} : Late{};
  }
  const bool unreviewed = *state == monthly::State::submitted || *state == monthly::State::reviewed;
  if (!unreviewed) return {};
  // A month submitted before the submission date was recorded (none is) counts from the review day.
  const auto due = submitted ? review_due(m, *submitted, d) : m.next().day(d.review_day);
  return today > due ? Late{Lateness::review, due} : Late{};
}

std::vector<std::pair<YearMonth, Late>> late_months(const monthly::Calendar& cal, const std::map<YearMonth, MonthState>& months, Date today,
                                                    const Deadlines& d) {
  std::vector<std::pair<YearMonth, Late>> out;
  if (!cal.active) return out;
  for (auto m = cal.accepted; m <= cal.current; m = m.next()) {
    if (cal.exempt.count(m)) continue;
    const auto it = months.find(m);
    const auto l = it == months.end() ? lateness(m, std::nullopt, std::nullopt, today, d)
                                      : lateness(m, it->second.state, it->second.submitted, today, d);
    if (l.what != Lateness::none) out.emplace_back(m, l);
  }
  return out;
}

bool may_have_late_months(YearMonth accepted, std::optional<YearMonth> first, std::optional<YearMonth> last, std::int64_t n,
                          const std::vector<std::pair<YearMonth, MonthState>>& pending, Date today, const Deadlines& d) {
  for (const auto& [m, s] : pending)
    if (lateness(m, s.state, s.submitted, today, d).what != Lateness::none) return true;
  // The last month late if it were missing (its 自评 due before today), from today's month back.
  auto due = YearMonth::of(today);
  while (due >= accepted && lateness(due, std::nullopt, std::nullopt, today, d).what == Lateness::none) due = due.prev();
  if (due < accepted) return false;  // no month is due yet
  if (!first || !last) return true;  // no month, or none readable: the due ones are missing
  return !(monthly::is_whole_span(*first, *last, n) && *first <= accepted && *last >= due);
}

}  // namespace qsm::domain::overdue
