// The daily reminders of overdue monthly evaluations (issue 9): once a day, at a configured Shanghai
// time, every overdue month gets one SMS to the manager responsible (施工总包项目负责人 for a missing
// self-evaluation, 监理项目负责人 for a missing review), through the SMS gateway, recorded. Safe to run
// twice and from several server processes at once (a lease row per day, a unique row per reminder).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/app.hpp"
#include "store/reminder_store.hpp"

namespace qsm::service {

inline constexpr const char* kReminderJob = "reminders";

struct ReminderRun {
  bool ran = false;  // false when another process holds the day's run or it is done
  int sent = 0, failed = 0;
  std::int64_t id = 0;  // run_reminders_now: its job_runs row
};
// The run of `day` (today in Shanghai unless given), whatever the time of day; recorded as a run of
// the job (定时任务) started by `started_by`.
ReminderRun send_reminders(app::App& app, const std::string& holder, std::optional<domain::Date> day = std::nullopt,
                           const std::string& started_by = "定时任务");
// 定时任务 (issue 27): today's reminders now, by an administrator (audited), whether or not the day's
// scheduled run happened: nothing goes out twice the same day.
ReminderRun run_reminders_now(app::App& app, const domain::Actor& actor);
// Paused: the schedule sends nothing (every process checks at each minute); audited.
void pause_reminders(app::App& app, const domain::Actor& actor, bool paused);
struct ReminderJobState {
  bool paused = false, today_done = false;
  std::optional<std::chrono::minutes> at;  // the setting (参数设置); nullopt: off
  std::optional<store::JobRun> last;
  std::int64_t runs = 0;
};
ReminderJobState reminder_job_state(app::App& app);
std::vector<store::JobRun> reminder_job_runs(app::App& app, int limit, int offset, std::int64_t& total);

// "09:00" → minutes after midnight; nullopt for "off"; throws std::runtime_error otherwise.
std::optional<std::chrono::minutes> parse_reminder_time(const std::string& text);
// The run of today when the Shanghai time is at or past `at` (what the scheduler calls every so often).
ReminderRun send_reminders_if_due(app::App& app, const std::string& holder, std::chrono::minutes at);

}  // namespace qsm::service
