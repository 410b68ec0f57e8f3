// Reminders of overdue monthly evaluations.
#include "service/reminder_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/checksum.hpp"
#include "service/rectification_service.hpp"
#include "service/task_service.hpp"
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

ReminderRun send_reminders(app::App& app, const std::string& holder, std::optional<domain::Date> day) {
  const auto now = app.clock.now();
  const auto today = day.value_or(domain::shanghai_date(now));
  const auto day_text = domain::format_date(today);
  ReminderRun run;
  const bool claimed = app.db->write([&](store::Connection& c) {
    return store::claim_reminder_run(c, day_text, holder, domain::to_millis(now), kStaleRunMs);
  });
  if (!claimed) return run;
  run.ran = true;
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
  // And one per overdue rectification order (issue 24), under the same lease.
  const auto [sent, failed] = send_rectification_reminders(app, today);
  run.sent += sent;
  run.failed += failed;
  app.db->write([&](store::Connection& c) {
    store::finish_reminder_run(c, day_text, holder, run.sent, domain::to_millis(app.clock.now()));
    return 0;
  });
  spdlog::info("reminders of {}: {} sent, {} failed", day_text, run.sent, run.failed);
  return run;
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
  return send_reminders(app, holder);
}

}  // namespace qsm::service
