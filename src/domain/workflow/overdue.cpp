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

Date deadline(YearMonth m, unsigned day) {
  return m.next().day(day);
}

Lateness lateness(YearMonth m, std::optional<monthly::State> state, Date today, const Deadlines& d) {
  const bool unsubmitted = !state || *state == monthly::State::draft;
  if (unsubmitted) return today > deadline(m, d.submit_day) ? Lateness::submission : Lateness::none;
  const bool unreviewed = *state == monthly::State::submitted || *state == monthly::State::reviewed;
  if (unreviewed && today > deadline(m, d.review_day)) return Lateness::review;
  return Lateness::none;
}

std::vector<std::pair<YearMonth, Lateness>> late_months(const monthly::Calendar& cal, Date today, const Deadlines& d) {
  std::vector<std::pair<YearMonth, Lateness>> out;
  if (!cal.active) return out;
  for (auto m = cal.accepted; m <= cal.current; m = m.next()) {
    if (cal.exempt.count(m)) continue;
    std::optional<monthly::State> state;
    for (const auto& [period, s] : cal.existing)
      if (period == m) state = s;
    if (auto l = lateness(m, state, today, d); l != Lateness::none) out.emplace_back(m, l);
  }
  return out;
}

}  // namespace qsm::domain::overdue
