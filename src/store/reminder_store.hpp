// Reminder persistence: the day's run as a lease shared by every server process, and one row per
// reminder sent (its unique key keeps a reminder from going out twice the same day).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

// Takes the day's run for `holder`: true when it is new, or was started more than `stale_ms` ago
// and never finished; false when another process holds it or it is done.
bool claim_reminder_run(Connection& c, const std::string& day, const std::string& holder, std::int64_t now_ms, std::int64_t stale_ms);
void finish_reminder_run(Connection& c, const std::string& day, const std::string& holder, int sent, std::int64_t now_ms);

struct ReminderKey {
  std::int64_t declaration_id = 0;
  std::string period, lateness, day;
};
// Records the reminder; false when it was recorded already (sent by an earlier or another run).
bool record_reminder(Connection& c, const ReminderKey& k, const std::string& recipient, const std::string& mobile_masked, std::int64_t now_ms);
// Forgets a reminder whose message could not be handed over (the next run retries it).
void forget_reminder(Connection& c, const ReminderKey& k);
int reminders_on(Connection& c, const std::string& day);

// 定时任务 (issue 27): the runs of a job, newest first, and its pause.
std::int64_t start_job_run(Connection& c, const std::string& job, const std::string& day, const std::string& started_by, const std::string& holder,
                           std::int64_t now_ms);
void finish_job_run(Connection& c, std::int64_t id, int sent, int failed, std::int64_t now_ms);
struct JobRun {
  std::int64_t id = 0, started_at = 0, sent = 0, failed = 0;
  std::optional<std::int64_t> finished_at;
  std::string day, started_by, holder;
};
std::vector<JobRun> job_runs(Connection& c, const std::string& job, int limit, int offset, std::int64_t& total);
bool job_paused(Connection& c, const std::string& job);
void set_job_paused(Connection& c, const std::string& job, bool paused, std::int64_t now_ms, const std::string& by);
// Whether the day's scheduled run has finished (reminder_runs).
bool reminder_run_finished(Connection& c, const std::string& day);

}  // namespace qsm::store
