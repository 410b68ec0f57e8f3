// Reminder SQL.
#include "store/reminder_store.hpp"

namespace qsm::store {
namespace sql {

constexpr std::string_view kNewRun =
    "INSERT INTO reminder_runs (day, holder, started_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING";
constexpr std::string_view kTakeOver =
    "UPDATE reminder_runs SET holder = $2, started_at = $3 WHERE day = $1 AND finished_at IS NULL AND started_at < $4";
constexpr std::string_view kFinish = "UPDATE reminder_runs SET finished_at = $3, sent = $4 WHERE day = $1 AND holder = $2";
constexpr std::string_view kRecord =
    "INSERT INTO reminders (declaration_id, period, lateness, day, recipient, mobile_masked, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (declaration_id, period, lateness, day) DO NOTHING";
constexpr std::string_view kForget = "DELETE FROM reminders WHERE declaration_id = $1 AND period = $2 AND lateness = $3 AND day = $4";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM reminders WHERE day = $1";

constexpr std::string_view kStartJob =
    "INSERT INTO job_runs (job, day, started_by, holder, started_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kFinishJob = "UPDATE job_runs SET finished_at = $4, sent = $2, failed = $3 WHERE id = $1";
constexpr std::string_view kJobRuns =
    "SELECT id, day, started_by, holder, started_at, finished_at, sent, failed FROM job_runs WHERE job = $1 ORDER BY id DESC LIMIT $2 OFFSET $3";
constexpr std::string_view kJobRunCount = "SELECT COUNT(*) FROM job_runs WHERE job = $1";
constexpr std::string_view kJobPaused = "SELECT paused FROM scheduled_jobs WHERE name = $1";
constexpr std::string_view kSetPaused =
    "INSERT INTO scheduled_jobs (name, paused, updated_at, updated_by) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (name) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at, updated_by = excluded.updated_by";
constexpr std::string_view kRunFinished = "SELECT 1 FROM reminder_runs WHERE day = $1 AND finished_at IS NOT NULL";

}  // namespace sql

bool claim_reminder_run(Connection& c, const std::string& day, const std::string& holder, std::int64_t now_ms, std::int64_t stale_ms) {
  if (c.execute(sql::kNewRun, params(day, holder, now_ms)) == 1) return true;
  return c.execute(sql::kTakeOver, params(day, holder, now_ms, now_ms - stale_ms)) == 1;
}

void finish_reminder_run(Connection& c, const std::string& day, const std::string& holder, int sent, std::int64_t now_ms) {
  c.execute(sql::kFinish, params(day, holder, now_ms, sent));
}

bool record_reminder(Connection& c, const ReminderKey& k, const std::string& recipient, const std::string& mobile_masked, std::int64_t now_ms) {
  return c.execute(sql::kRecord, params(k.declaration_id, k.period, k.lateness, k.day, recipient, mobile_masked, now_ms)) == 1;
}

void forget_reminder(Connection& c, const ReminderKey& k) { c.execute(sql::kForget, params(k.declaration_id, k.period, k.lateness, k.day)); }

int reminders_on(Connection& c, const std::string& day) {
  return static_cast<int>(c.query_one(sql::kCount, params(day))->integer(0));
}

std::int64_t start_job_run(Connection& c, const std::string& job, const std::string& day, const std::string& started_by, const std::string& holder,
                           std::int64_t now_ms) {
  return c.query_one(sql::kStartJob, params(job, day, started_by, holder, now_ms))->integer(0);
}

void finish_job_run(Connection& c, std::int64_t id, int sent, int failed, std::int64_t now_ms) {
  c.execute(sql::kFinishJob, params(id, sent, failed, now_ms));
}

std::vector<JobRun> job_runs(Connection& c, const std::string& job, int limit, int offset, std::int64_t& total) {
  total = c.query_one(sql::kJobRunCount, params(job))->integer(0);
  std::vector<JobRun> out;
  c.run(sql::kJobRuns, params(job, limit, offset), [&](Row& r) {
    JobRun j;
    j.id = r.integer(0);
    j.day = r.text(1);
    j.started_by = r.text(2);
    j.holder = r.text(3);
    j.started_at = r.integer(4);
    j.finished_at = r.opt_integer(5);
    j.sent = r.integer(6);
    j.failed = r.integer(7);
    out.push_back(std::move(j));
  });
  return out;
}

bool job_paused(Connection& c, const std::string& job) {
  auto r = c.query_one(sql::kJobPaused, params(job));
  return r && r->integer(0) != 0;
}

void set_job_paused(Connection& c, const std::string& job, bool paused, std::int64_t now_ms, const std::string& by) {
  c.execute(sql::kSetPaused, params(job, paused ? 1 : 0, now_ms, by));
}

bool reminder_run_finished(Connection& c, const std::string& day) { return c.query_one(sql::kRunFinished, params(day)).has_value(); }

}  // namespace qsm::store
