// Rectification order kinds, numbers, the overdue rule and who may add photos.
#include "domain/workflow/rectification.hpp"

#include <chrono>
#include <cstdio>

namespace qsm::domain::rectification {

std::string_view to_string(Kind k) { return k == Kind::stop_work ? "stop_work" : "rectify"; }
std::string_view label(Kind k) { return k == Kind::stop_work ? "停工整改" : "限期整改"; }
std::optional<Kind> kind_from(std::string_view s) {
  if (s == "rectify") return Kind::rectify;
  if (s == "stop_work") return Kind::stop_work;
  return std::nullopt;
}

std::string short_name(std::string_view district) {
  for (std::string_view suffix : {"新区", "区", "县"})
    if (district.size() > suffix.size() && district.ends_with(suffix)) return std::string(district.substr(0, district.size() - suffix.size()));
  return std::string(district);
}

std::string number(std::string_view district, int year, int seq) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d", seq);
  return short_name(district) + "质监（" + std::to_string(year) + "）整字第" + digits + "号";
}

int overdue_days(State s, Date deadline, Date today) {
  if (s != State::issued || today <= deadline) return 0;
  return static_cast<int>((std::chrono::sys_days(today) - std::chrono::sys_days(deadline)).count());
}

std::optional<std::string> deadline_problem(std::optional<Date> deadline, Date today) {
  if (!deadline) return "整改期限应为 YYYY-MM-DD 格式的日期";
  if (*deadline <= today) return "整改期限应晚于今天";
  if (std::chrono::sys_days(*deadline) > std::chrono::sys_days(today) + std::chrono::days(366)) return "整改期限不能超过一年";
  return std::nullopt;
}

workflow::Branch recheck_branch(const std::vector<ItemResult>& results) {
  for (const auto& r : results)
    if (!r.passed) return workflow::Branch::other;
  return workflow::Branch::usual;
}

std::string_view to_string(PhotoSide s) { return s == PhotoSide::issue ? "issue" : "reply"; }

std::optional<PhotoSide> photo_side(State s, int round, bool ever_replied, Role r) {
  if (s != State::issued) return std::nullopt;
  if (r == Role::authority && round == 1 && !ever_replied) return PhotoSide::issue;
  if (r == Role::contractor || r == Role::site_contractor) return PhotoSide::reply;
  return std::nullopt;
}

}  // namespace qsm::domain::rectification
