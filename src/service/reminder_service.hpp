// The daily reminders of overdue monthly evaluations (issue 9): once a day, at a configured Shanghai
// time, every overdue month gets one SMS to the manager responsible (施工总包项目负责人 for a missing
// self-evaluation, 监理项目负责人 for a missing review), through the SMS gateway, recorded. Safe to run
// twice and from several server processes at once (a lease row per day, a unique row per reminder).
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "service/app.hpp"

namespace qsm::service {

struct ReminderRun {
  bool ran = false;  // false when another process holds the day's run or it is done
  int sent = 0, failed = 0;
};
// The run of `day` (today in Shanghai unless given), whatever the time of day.
ReminderRun send_reminders(app::App& app, const std::string& holder, std::optional<domain::Date> day = std::nullopt);

// "09:00" → minutes after midnight; nullopt for "off"; throws std::runtime_error otherwise.
std::optional<std::chrono::minutes> parse_reminder_time(const std::string& text);
// The run of today when the Shanghai time is at or past `at` (what the scheduler calls every so often).
ReminderRun send_reminders_if_due(app::App& app, const std::string& holder, std::chrono::minutes at);

}  // namespace qsm::service
