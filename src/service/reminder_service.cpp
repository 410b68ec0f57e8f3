// Reminders of overdue monthly evaluations.
#include "service/reminder_service.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "domain/checksum.hpp"
#include "service/rectification_service.hpp"
#include "service/task_service.hpp"
#include "store/audit.hpp"
#include "store/reminder_store.hpp"

namespace qsm::service {

namespace {

constexpr std::int64_t kStaleRunMs = 15 * 60 * 1000;  // a run not finished after 15 minutes died with its process

std::string text_of(const OverdueMonth& o) {
  const bool submission = o.late.what == domain::overdue::Lateness::submission;
  return "【建筑工程施工质量标准化】" + o.declaration.project_name + "（" + o.declaration.registration_no + "）" + o.period + " 月度评价" +
         (submission ? "自评" : "复核") + "已逾期（截止 " + domain::format_date(o.late.due) + "），请尽快登录平台" +
         (submission ? "完成自评并提交。" : "完成复核并提交。");
}

}  // namespace

namespace {

// One pass over today's overdue months and rectification orders: a reminder each, unless one went out
// today already (the reminders' unique key: a second pass, by the schedule or by hand, sends nothing twice).
void deliver(app::App& app, domain::Date today, ReminderRun& run) {
  const auto day_text = domain::format_date(today);
  const auto late = app.db->read([&](store::Connection& c) {
    domain::Scope everything;
    everything.all = true;
    return overdue_months(c, everything, today, app.tuned().deadlines);
  });
  for (const auto& o : late) {
    const store::ReminderKey key{o.declaration.declaration_id, o.period,
                                 o.late.what == domain::overdue::Lateness::submission ? "submission" : "review", day_text};
    const bool fresh = app.db->write([&](store::Connection& c) {
      return store::record_reminder(c, key, o.manager, domain::mask_mobile(o.mobile), domain::to_millis(app.clock.now()));
    });
    if (!fresh) continue;
    try {
      app.sms->send(*app.db, o.mobile, text_of(o), "reminder");
      ++run.sent;
    } catch (const std::exception& e) {
      // Not handed over: forget it so that the next run tries again.
      spdlog::warn("reminder for {} {} not sent: {}", o.declaration.registration_no, o.period, e.what());
      app.db->write([&](store::Connection& c) {
        store::forget_reminder(c, key);
        return 0;
      });
      ++run.failed;
    }
  }
  // And one per overdue rectification order (issue 24).
  const auto [sent, failed] = send_rectification_reminders(app, today);
  run.sent += sent;
  run.failed += failed;
}

std::string process_holder() { return "qsm " + std::to_string(::getpid()); }

}  // namespace

ReminderRun send_reminders(app::App& app, const std::string& holder, std::optional<domain::Date> day, const std::string& started_by) {
  const auto now = app.clock.now();
  const auto today = day.value_or(domain::shanghai_date(now));
  const auto day_text = domain::format_date(today);
  ReminderRun run;
  const auto job_run = app.db->write([&](store::Connection& c) -> std::optional<std::int64_t> {
    if (!store::claim_reminder_run(c, day_text, holder, domain::to_millis(now), kStaleRunMs)) return std::nullopt;
    return store::start_job_run(c, kReminderJob, day_text, started_by, holder, domain::to_millis(now));
  });
  if (!job_run) return run;
  run.ran = true;
  deliver(app, today, run);
  app.db->write([&](store::Connection& c) {
    store::finish_reminder_run(c, day_text, holder, run.sent, domain::to_millis(app.clock.now()));
    store::finish_job_run(c, *job_run, run.sent, run.failed, domain::to_millis(app.clock.now()));
    return 0;
  });
  spdlog::info("reminders of {}: {} sent, {} failed", day_text, run.sent, run.failed);
  return run;
}

ReminderRun run_reminders_now(app::App& app, const domain::Actor& actor) {
  const auto now = app.clock.now();
  const auto today = domain::shanghai_date(now);
  const auto day_text = domain::format_date(today);
  const auto id = app.db->write([&](store::Connection& c) {
    const auto id = store::start_job_run(c, kReminderJob, day_text, actor.name, process_holder(), domain::to_millis(now));
    store::append_audit(c, app.audit_key, {"job", id, std::nullopt, "run", std::nullopt, std::nullopt, "立即执行 逾期提醒短信（" + day_text + "）"}, actor,
                        now);
    return id;
  });
  ReminderRun run;
  run.ran = true;
  run.id = id;
  try {
    deliver(app, today, run);
  } catch (...) {
    app.db->write([&](store::Connection& c) { store::finish_job_run(c, id, run.sent, run.failed + 1, domain::to_millis(app.clock.now())); });
    throw;
  }
  app.db->write([&](store::Connection& c) { store::finish_job_run(c, id, run.sent, run.failed, domain::to_millis(app.clock.now())); });
  return run;
}

void pause_reminders(app::App& app, const domain::Actor& actor, bool paused) {
  app.db->write([&](store::Connection& c) {
    if (store::job_paused(c, kReminderJob) == paused) return;
    store::set_job_paused(c, kReminderJob, paused, domain::to_millis(app.clock.now()), actor.name);
    store::append_audit(c, app.audit_key,
                        {"job", 0, std::nullopt, paused ? "pause" : "resume", std::nullopt, std::nullopt,
                         std::string(paused ? "暂停" : "恢复") + " 逾期提醒短信"},
                        actor, app.clock.now());
  });
}

ReminderJobState reminder_job_state(app::App& app) {
  const auto today = domain::format_date(domain::shanghai_date(app.clock.now()));
  return app.db->read([&](store::Connection& c) {
    ReminderJobState s;
    s.paused = store::job_paused(c, kReminderJob);
    s.at = app.tuned().reminder_at;
    s.today_done = store::reminder_run_finished(c, today);
    std::int64_t total = 0;
    auto last = store::job_runs(c, kReminderJob, 1, 0, total);
    if (!last.empty()) s.last = last.front();
    s.runs = total;
    return s;
  });
}

std::vector<store::JobRun> reminder_job_runs(app::App& app, int limit, int offset, std::int64_t& total) {
  return app.db->read([&](store::Connection& c) { return store::job_runs(c, kReminderJob, limit, offset, total); });
}

std::optional<std::chrono::minutes> parse_reminder_time(const std::string& text) {
  if (text == "off") return std::nullopt;
  unsigned h = 0, m = 0;
  char colon = 0;
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2u%c%2u", &h, &colon, &m) != 3 || colon != ':' || h > 23 || m > 59)
    throw std::runtime_error("--reminder-time 应为 HH:MM（上海时间，例如 09:00）或 off，而不是 " + text);
  return std::chrono::minutes(h * 60 + m);
}

ReminderRun send_reminders_if_due(app::App& app, const std::string& holder, std::chrono::minutes at) {
  const auto local = app.clock.now() + domain::kShanghaiOffset;
  const auto since_midnight = std::chrono::duration_cast<std::chrono::minutes>(local - std::chrono::floor<std::chrono::days>(local));
  if (since_midnight < at) return {};
  if (app.db->read([&](store::Connection& c) { return store::job_paused(c, kReminderJob); })) return {};
  return send_reminders(app, holder);
}

}  // namespace qsm::service
