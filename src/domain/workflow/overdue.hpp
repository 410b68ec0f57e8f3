// Overdue monthly evaluations (issue 9, groundwork): a month's evaluation is due for submission by a
// configurable day of the following month (default the 10th) and its review by another (default the
// 15th), both inclusive, Asia/Shanghai; a self sheet submitted late leaves the reviewer its days: the
// review is then due that many days (default 5) after the submission day, if that is later (issue 26).
// Who is late follows the month's state: the contractor while the evaluation is missing or a draft,
// the site supervisor while it waits for its review.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/period.hpp"
#include "domain/time.hpp"
#include "domain/workflow/monthly.hpp"

namespace qsm::domain::overdue {

struct Deadlines {
  unsigned submit_day = 10;  // 自评 submitted by this day of the following month
  unsigned review_day = 15;  // 复核 submitted by this day of the following month
  unsigned review_days = 5;  // … or by this many days after a later submission
  bool valid() const { return submit_day >= 1 && review_day >= submit_day && review_day <= 28 && review_days >= 1 && review_days <= 28; }
};

// `rectification`: an issued rectification order past its deadline (issue 24; the rule is the order's).
enum class Lateness { none, submission, review, rectification };
std::string_view label(Lateness l);  // 自评逾期未提交, 复核逾期未提交, 逾期未整改
std::string_view to_string(Lateness l);  // submission, review, rectification

// The last day (inclusive) of the month `m`'s 自评: the submit day of the following month.
Date submission_due(YearMonth m, const Deadlines& d);
// The last day of its 复核, the self sheet having been submitted on `submitted`: the review day of the
// following month, or `review_days` after the submission, whichever is later.
Date review_due(YearMonth m, Date submitted, const Deadlines& d);

// The states in which a month can be late (lateness): a draft, or submitted and not yet past its
// review. A month in any other state never is, so the overdue months read only these (task_store.cpp).
inline constexpr std::array kMayBeLate{monthly::State::draft, monthly::State::submitted, monthly::State::reviewed};

// How late a month is, and the day it was due.
struct Late {
  Lateness what = Lateness::none;
  Date due{};
  bool operator==(const Late&) const = default;
};
// How late the month is today: `state` is nullopt while no evaluation exists; `submitted` is the day
// its self sheet was submitted (Shanghai), once it was.
Late lateness(YearMonth m, std::optional<monthly::State> state, std::optional<Date> submitted, Date today, const Deadlines& d);

// A month of a declaration as the overdue rule reads it.
struct MonthState {
  monthly::State state;
  std::optional<Date> submitted;
};
// Every late month of an active declaration from its acceptance month up to today's, exempt
// (wholly suspended) months excepted, oldest first; `months` are its evaluations.
std::vector<std::pair<YearMonth, Late>> late_months(const monthly::Calendar& cal, const std::map<YearMonth, MonthState>& months, Date today,
                                                    const Deadlines& d);

// Whether an active declaration accepted in `accepted` can have a late month today (late_months may
// find one), from what its row and its months in kMayBeLate say: `n` months from `first` to `last`
// (V061/V062; none missing between them when n is their number) and `pending`, its months in a state
// of kMayBeLate. False only when every month from `accepted` up to the last one that would be late if
// missing exists and no pending month is late (suspensions only ever take lateness away), so the
// overdue months read everything else of only the declarations this lets through.
bool may_have_late_months(YearMonth accepted, std::optional<YearMonth> first, std::optional<YearMonth> last, std::int64_t n,
                          const std::vector<std::pair<YearMonth, MonthState>>& pending, Date today, const Deadlines& d);

}  // namespace qsm::domain::overdue
