// Monthly evaluation service.
#include "service/monthly_service.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "domain/clerk.hpp"
#include "domain/period.hpp"
#include "domain/problems.hpp"
#include "domain/scoring/sheet_json.hpp"
#include "domain/workflow/declaration.hpp"
#include "service/quarterly_service.hpp"
#include "service/request_service.hpp"
#include "service/photo_service.hpp"
#include "service/workflow_step.hpp"
#include "util/json.hpp"

namespace qsm::service {

namespace dm = domain::monthly;
namespace scoring = domain::scoring;

namespace {

// A deduction taken off the sheet takes its photos with it (issue 23).
void detach_undeducted(store::Connection& c, const app::App& app, const domain::Actor& actor, domain::Instant now, const store::MonthlyRow& m,
                       Sheet sheet, const scoring::SheetResult& result) {
  std::vector<std::string> deducted;
  for (const auto& d : result.deductions) deducted.push_back(d.clause);
  detach_photos(c, app, actor, now, m, sheet == Sheet::self ? PhotoTarget::self : PhotoTarget::review, deducted);
}

store::MonthlyRow load(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_monthly(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "月度评价不存在");
  return *row;
}

// What a sheet save decides on and writes with (store::find_monthly_state), in the actor's scope.
store::MonthlyRow load_state(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_monthly_state(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "月度评价不存在");
  return *row;
}

store::DeclarationRow load_declaration(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_declaration(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "申报不存在");
  return *row;
}

constexpr const auto& kSpec = dm::kSpec;
using Request = workflow::Request<dm::Action, store::MonthlyRow>;

dm::Calendar calendar_of(store::Connection& c, const store::DeclarationRow& d, domain::Instant now) {
  return month_calendar(*d.accepted_at, now, store::periods_of_declaration(c, d.id), suspension_intervals(c, d.id), d.management_status);
}

// Scores a sheet against the months before this one; every problem is one 422.
scoring::SheetResult score(const scoring::Template& t, const scoring::History& history, const scoring::SheetInput& in, bool require_problems = true) {
  domain::Problems problems;
  auto result = scoring::evaluate(t, in, history, problems, require_problems);
  problems.throw_if_any("打分表有误，请按提示修改后再保存");
  return result;
}
scoring::SheetResult score(store::Connection& c, const scoring::Template& t, const store::MonthlyRow& m, const scoring::SheetInput& in,
                           bool require_problems = true) {
  return score(t, store::clause_history(c, m.declaration_id, m.period), in, require_problems);
}

store::SheetWrite to_write(const scoring::SheetInput& in, const scoring::SheetResult& r) {
  return {json::serialize(scoring::to_json(in)), json::serialize(scoring::to_json(r)), r.score.hundredths()};
}

std::string score_note(const std::string& period, std::string_view what, const scoring::SheetResult& r) {
  return period + " " + std::string(what) + "得分 " + r.score.to_string();
}

}  // namespace

dm::Calendar month_calendar(std::int64_t accepted_ms, domain::Instant now, const std::vector<std::pair<std::string, std::string>>& existing,
                            const std::vector<domain::management::Interval>& suspended, const std::optional<std::string>& management_status) {
  dm::Calendar cal;
  cal.accepted = domain::YearMonth::of(domain::from_millis(accepted_ms));
  cal.current = domain::YearMonth::of(now);
  for (const auto& [period, status] : existing) {
    const auto m = *domain::YearMonth::parse(period);
    cal.existing.insert(m);
    if (*dm::state_from(status) == dm::State::draft) cal.drafts.insert(m);
  }
  namespace mg = domain::management;
  const auto status = mg::status_from(management_status.value_or(""));
  cal.active = status == mg::Status::active;
  cal.management_label = std::string(mg::status_label(management_status.value_or("")));
  cal.exempt = domain::management::exempt_months(suspended, cal.accepted, cal.current);
  if (status == mg::Status::suspended && !suspended.empty() && !suspended.back().end) cal.suspended_since = suspended.back().start;
  return cal;
}

std::shared_ptr<const scoring::Template> template_of(app::App& app, const store::MonthlyRow& m) {
  return app.db->read([&](store::Connection& c) { return app.templates->get(c, m.template_id); });
}

store::MonthlyRow get_monthly(app::App& app, const domain::Actor& actor, std::int64_t id) {
  return app.db->read([&](store::Connection& c) { return load(c, actor, id); });
}

namespace {

// The parts of a month's page besides the month itself, in the caller's transaction. `known`: the
// clause history as this transaction already read it (a save's), not read again.
MonthlyDetail detail_of(store::Connection& c, const domain::Actor& actor, store::MonthlyRow m, const scoring::History* known = nullptr) {
  MonthlyDetail out;
  out.photos = month_photos(c, actor, m);
  // Whoever may edit a sheet now gets the clauses' earlier deductions.
  const auto state = dm::state_from(m.status);
  if (state && domain::acts_in(actor, domain::Permission::monthly_write)) {
    const auto may = dm::available(*state, actor.role);
    if (std::ranges::any_of(may, [](dm::Action a) { return a == dm::Action::save_self || a == dm::Action::save_review; }))
      out.history = known ? *known : store::clause_history(c, m.declaration_id, m.period);
  }
  out.month = std::move(m);
  return out;
}

}  // namespace

MonthlyDetail monthly_detail(app::App& app, const domain::Actor& actor, std::int64_t id) {
  return app.db->read([&](store::Connection& c) { return detail_of(c, actor, load(c, actor, id)); });
}

MonthlyDetail monthly_detail(app::App& app, const domain::Actor& actor, store::MonthlyRow m) {
  return app.db->read([&](store::Connection& c) { return detail_of(c, actor, std::move(m)); });
}

DeclarationMonths declaration_months(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  const auto now = app.clock.now();
  return app.db->read([&](store::Connection& c) {
    DeclarationMonths out{load_declaration(c, actor, declaration_id), {}, {}};
    out.items = store::monthly_of_declaration(c, domain::Scope::of(actor), declaration_id);
    if (!out.declaration.accepted_at)
      out.next.reason = "申报尚未受理，受理后才能进行月度评价";
    else if (actor.role != domain::Role::contractor)
      out.next.reason = "只有施工企业可以新增月度评价";
    else
      out.next = dm::next_month(calendar_of(c, out.declaration, now));
    return out;
  });
}

store::MonthlyRow create_monthly(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, const std::string& period) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以新增月度评价");
  auto month = domain::YearMonth::parse(period);
  if (!month) throw domain::field_failure("period", "评价期间应为 YYYY-MM，例如 2026-03");
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    auto d = load_declaration(c, actor, declaration_id);
    if (!d.accepted_at || !d.template_id)
      throw Failure(Error::invalid_transition, "申报尚未受理，受理后才能进行月度评价", boost::json::object{{"status", d.status}});
    dm::check_create(calendar_of(c, d, now), *month);

    // A new month starts full marks with nothing deducted and every item taking part.
    const auto tmpl = app.templates->get(c, *d.template_id);
    scoring::SheetInput empty;
    domain::Problems none;
    auto result = scoring::evaluate(*tmpl, empty, {}, none);
    std::int64_t id = 0;
    try {
      id = store::insert_monthly(c, d.id, month->to_string(), *d.template_id, to_write(empty, result), domain::to_millis(now),
                                 std::string(kSpec.code(dm::State::draft)));
    } catch (const store::DbError& e) {
      // Another request created the month between our check and our insert.
      if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, period + " 已有月度评价，每月只能评价一次");
      throw;
    }
    auto row = load(c, actor, id);
    workflow::audit(c, app.audit_key, actor, now, kSpec, row.id, row.declaration_id, kSpec.m.events[0].code, std::nullopt, dm::State::draft,
                    "新增 " + row.period + " 月度评价");
    return row;
  });
}

MonthlyDetail save_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet, std::int64_t version,
                         const scoring::SheetInput& input) {
  const auto now = app.clock.now();
  const auto now_ms = domain::to_millis(now);
  // One write transaction: the month's state, the sheet scored against the earlier months, its
  // writes and the audit record, and then the month as the answer shows it (names, sheets, photos)
  // with the history the sheet was scored against (the earlier months' deductions, which this write
  // does not change). On SQLite, scoring in a read before the write (to hold the writers' lock
  // shorter) and reading the answer after the commit were both slower, now that every write runs on
  // the writers' own connection with its pages warm (docs/decisions.md "Issue 25, session 21").
  std::optional<MonthlyDetail> answer;
  app.db->write([&](store::Connection& c) {
    std::optional<scoring::History> history;
    workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load_state(c, actor, id); }, Request{dm::save_action(sheet), version, {}},
                   [&](const store::MonthlyRow& m, const auto& step) {
                     history = store::clause_history(c, m.declaration_id, m.period);
                     auto result = score(*app.templates->get(c, m.template_id), *history, input);
                     bool written = sheet == Sheet::self
                                        ? store::update_self_sheet(c, id, version, to_write(input, result), now_ms)
                                        : store::update_review_sheet(c, id, version, std::string(step.to_code()), to_write(input, result), now_ms);
                     if (!written) throw Failure(Error::conflict, "月度评价已被他人修改，请刷新后重试");
                     store::replace_deductions(c, m, sheet, result.deductions);
                     detach_undeducted(c, app, actor, now, m, sheet, result);
                     return score_note(m.period, dm::sheet_label(dm::to_string(sheet)), result);
                   });
    answer = detail_of(c, actor, load(c, actor, id), history ? &*history : nullptr);
  });
  return std::move(*answer);
}

scoring::SheetResult preview_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet,
                                   const scoring::SheetInput& input) {
  return app.db->read([&](store::Connection& c) {
    auto m = load(c, actor, id);
    dm::decide(*dm::state_from(m.status), dm::save_action(sheet), actor.role);
    return score(c, *app.templates->get(c, m.template_id), m, input, false);
  });
}

store::MonthlyRow submit_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet, std::int64_t version) {
  const auto now = app.clock.now();
  const auto now_ms = domain::to_millis(now);
  const auto action = dm::submit_action(sheet);
  return app.db->write([&](store::Connection& c) {
    bool filed = false;
    auto row = workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load(c, actor, id); }, Request{action, version, {}},
                          [&](const store::MonthlyRow& m, const auto& step) {
                            // n is fixed now: the sheet is scored once more against the history as it stands and frozen.
                            const auto& stored = sheet == Sheet::self ? m.self_sheet : *m.review_sheet;
                            auto input = scoring::sheet_input_from_json(boost::json::parse(stored));
                            auto result = score(c, *app.templates->get(c, m.template_id), m, input);
                            if (!store::submit_sheet(c, id, version, sheet, std::string(step.to_code()), to_write(input, result), now_ms))
                              throw Failure(Error::conflict);
                            store::replace_deductions(c, m, sheet, result.deductions);
                            detach_undeducted(c, app, actor, now, m, sheet, result);
                            filed = step.to == dm::State::filed;
                            return score_note(m.period, dm::sheet_label(dm::to_string(sheet)), result);
                          });
    // A filed month waits for its quarter's registration (季度评价监督信息登记), after the month's own trail entry.
    if (filed) quarter_month_filed(c, app.audit_key, actor, now, row.declaration_id, row.period);
    return row;
  });
}

DeductionHistory deduction_history(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  return app.db->read([&](store::Connection& c) {
    auto d = load_declaration(c, actor, declaration_id);
    DeductionHistory h;
    h.items = store::deductions_of_declaration(c, domain::Scope::of(actor), d.id);
    if (d.template_id) h.tmpl = app.templates->get(c, *d.template_id);
    return h;
  });
}

}  // namespace qsm::service
