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

}  // namespace qsm::store
