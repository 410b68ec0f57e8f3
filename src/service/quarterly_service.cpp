// Quarterly registration service.
#include "service/quarterly_service.hpp"

#include "domain/problems.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "service/request_service.hpp"
#include "service/workflow_step.hpp"
#include "store/declaration_store.hpp"

namespace qsm::service {

namespace dq = domain::quarterly;

namespace {

store::QuarterlyRow load(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_quarterly(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "季度评价不存在");
  return *row;
}

std::optional<std::int64_t> hundredths(std::optional<domain::Points> p) {
  if (!p) return std::nullopt;
  return p->hundredths();
}

constexpr const auto& kSpec = dq::kSpec;

QuarterlyDetail detail(store::Connection& c, const domain::Actor& actor, std::int64_t id, domain::Instant now) {
  QuarterlyDetail out{load(c, actor, id), {}, std::nullopt, domain::YearMonth::of(now), {}, {}};
  auto q = *domain::Quarter::parse(out.row.quarter);
  out.months = store::months_between(c, out.row.declaration_id, q.first().to_string(), q.last().to_string());
  if (auto d = store::find_declaration(c, domain::Scope::of(actor), out.row.declaration_id); d && d->accepted_at)
    out.accepted = domain::YearMonth::of(domain::from_millis(*d->accepted_at));
  out.suspended = domain::management::exempt_months(suspension_intervals(c, out.row.declaration_id), q.first(), q.last());
  out.registrations = store::registrations_of(c, id);
  return out;
}

std::string score_text(std::optional<domain::Points> p) { return p ? p->to_string() : "—"; }

}  // namespace

FiledMonths filed_months(const std::vector<store::QuarterMonth>& months) {
  FiledMonths out;
  std::vector<domain::Points> scores;
  for (const auto& m : months) {
    const auto s = domain::monthly::state_from(m.status);
    if (!s || !domain::monthly::counted(*s)) continue;
    out.periods.push_back(m.period);
    if (m.review_score) scores.push_back(domain::Points::from_hundredths(*m.review_score));
  }
  out.score = domain::mean(scores);
  return out;
}

QuarterlyDetail get_quarterly(app::App& app, const domain::Actor& actor, std::int64_t id) {
  const auto now = app.clock.now();
  return app.db->read([&](store::Connection& c) { return detail(c, actor, id, now); });
}

QuarterlyDetail register_quarter(app::App& app, const domain::Actor& actor, std::int64_t id, const RegistrationInput& in) {
  const auto now = app.clock.now();
  const auto now_ms = domain::to_millis(now);
  return app.db->write([&](store::Connection& c) {
    const auto load_it = [&] { return load(c, actor, id); };
    workflow::step(c, app.audit_key, actor, now, kSpec, load_it, workflow::Request<dq::Action, store::QuarterlyRow>{dq::Action::register_, in.version, in.opinion},
                   [&](const store::QuarterlyRow& row, const auto& taken) {
                     const auto quarter = *domain::Quarter::parse(row.quarter);
                     auto date = domain::parse_date(in.inspection_date);
                     if (!date) throw domain::field_failure("inspection_date", "监督检查日期应为 YYYY-MM-DD");
                     if (*date > domain::shanghai_date(now)) throw domain::field_failure("inspection_date", "监督检查日期不能晚于今天");
                     if (domain::YearMonth::of(*date) < quarter.first())
                       throw domain::field_failure("inspection_date", "监督检查日期不能早于 " + row.quarter + " 的第一天");

                     const auto first = quarter.first().to_string(), last = quarter.last().to_string();
                     const auto months = store::months_between(c, row.declaration_id, first, last);
                     auto filed = filed_months(months);
                     if (!filed.score) throw Failure(Error::invalid_transition, row.quarter + " 尚无已复核提交的月度评价，无需登记");
                     store::RegistrationRecord record{in.inspection_date, in.inspectors, in.opinion, std::string(domain::to_string(in.conclusion)),
                                                      filed.score->hundredths(), filed.periods, actor.organisation.empty() ? actor.name : actor.organisation,
                                                      now_ms};
                     // The months it registers move on with it (the monthly spec's step the platform takes), each with its own trail entry.
                     namespace dm = domain::monthly;
                     const auto& month_step = *dm::kSpec.system_step(dm::State::filed, dm::Action::register_);
                     const store::Move quarter_move{std::string(taken.spec.code(taken.from)), std::string(taken.to_code())};
                     const store::Move month_move{std::string(dm::kSpec.code(dm::State::filed)), std::string(dm::kSpec.code(dm::kSpec.to(month_step)))};
                     if (!store::register_quarterly(c, row, in.version, record, first, last, quarter_move, month_move))
                       throw Failure(Error::conflict);
                     for (const auto& m : months)
                       if (m.status == dm::kSpec.code(dm::State::filed))
                         workflow::audit(c, app.audit_key, actor, now, dm::kSpec, m.id, row.declaration_id, dm::kSpec.code(dm::Action::register_),
                                         dm::State::filed, dm::kSpec.to(month_step), row.quarter + " 季度评价监督信息登记");
                     return row.quarter + " 季度得分 " + filed.score->to_string() + "，结论：" + std::string(domain::label(in.conclusion)) + "。" + in.opinion;
                   });
    return detail(c, actor, id, now);
  });
}

void quarter_month_filed(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now,
                         std::int64_t declaration_id, const std::string& period) {
  const auto month = *domain::YearMonth::parse(period);
  const auto quarter = domain::Quarter::of(month);
  const auto months = store::months_between(c, declaration_id, quarter.first().to_string(), quarter.last().to_string());
  const auto filed = filed_months(months);
  const auto count = static_cast<std::int64_t>(filed.periods.size());
  const auto now_ms = domain::to_millis(now);
  auto existing = store::find_quarter_of(c, declaration_id, quarter.to_string());
  std::optional<dq::State> from;
  if (existing) from = dq::state_from(existing->status);
  const auto action = dq::on_month_filed(from);
  const auto note = period + " 复核提交，" + quarter.to_string() + " 季度得分 " + score_text(filed.score);
  if (!existing) {
    std::int64_t id = 0;
    try {
      id = store::insert_quarterly(c, declaration_id, quarter.to_string(), hundredths(filed.score), count, now_ms, std::string(kSpec.code(dq::State::pending)));
    } catch (const store::DbError& e) {
      if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, "同一季度的另一月度评价刚刚提交，请重试");
      throw;
    }
    workflow::audit(c, key, actor, now, kSpec, id, declaration_id, *action, std::nullopt, dq::State::pending, note);
    return;
  }
  if (!store::update_quarterly_months(c, existing->id, existing->version, std::string(dq::to_string(dq::State::pending)),
                                      hundredths(filed.score), count, now_ms))
    throw Failure(Error::conflict, quarter.to_string() + " 季度评价刚被修改，请重试");
  if (action) workflow::audit(c, key, actor, now, kSpec, existing->id, declaration_id, *action, from, dq::State::pending, note);
}

}  // namespace qsm::service
