// Overdue monthly evaluations (issue 9, groundwork): a month's evaluation is due for submission by a
// configurable day of the following month (default the 10th) and its review by another (default the
// 15th), both inclusive, Asia/Shanghai. Who is late follows the month's state: the contractor while
// the evaluation is missing or a draft, the site supervisor while it waits for its review.
#pragma once
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
  bool valid() const { return submit_day >= 1 && review_day >= submit_day && review_day <= 28; }
};

// `rectification`: an issued rectification order past its deadline (issue 24; the rule is the order's).
enum class Lateness { none, submission, review, rectification };
std::string_view label(Lateness l);  // 自评逾期未提交, 复核逾期未提交, 逾期未整改
std::string_view to_string(Lateness l);  // submission, review, rectification

// The day of the month after `m` by which the step is due.
Date deadline(YearMonth m, unsigned day);
// How late the month is today: `state` is nullopt while no evaluation exists.
Lateness lateness(YearMonth m, std::optional<monthly::State> state, Date today, const Deadlines& d);

// Every late month of an active declaration from its acceptance month up to today's, exempt
// (wholly suspended) months excepted, oldest first.
std::vector<std::pair<YearMonth, Lateness>> late_months(const monthly::Calendar& cal, Date today, const Deadlines& d);

}  // namespace qsm::domain::overdue
