// Quarterly registration service.
#include "service/quarterly_service.hpp"

#include "domain/problems.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "service/request_service.hpp"
#include "store/audit.hpp"
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

void audit(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now, std::int64_t id, std::int64_t declaration_id,
           std::string_view action, std::optional<dq::State> from, dq::State to, std::string note) {
  store::append_audit(c, key,
                      {"quarterly_registration", id, declaration_id, std::string(action),
                       from ? std::optional<std::string>(dq::to_string(*from)) : std::nullopt, std::string(dq::to_string(to)),
                       std::move(note)},
                      actor, now);
}

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
    if (m.status != "filed" && m.status != "registered") continue;
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
    auto row = load(c, actor, id);
    const auto from = *dq::state_from(row.status);
    const auto& t = dq::decide(from, dq::Action::register_, actor.role);
    if (row.version != in.version)
      throw Failure(Error::conflict, "季度评价已有新的月度评价提交（版本 " + std::to_string(row.version) + "），请刷新后核对再登记",
                    boost::json::object{{"version", row.version}});
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
    if (!store::register_quarterly(c, row, in.version, record, first, last)) throw Failure(Error::conflict);
    // The months it registers move on with it, each with its own trail entry.
    for (const auto& m : months)
      if (m.status == "filed")
        store::append_audit(c, app.audit_key,
                            {"monthly_evaluation", m.id, row.declaration_id, "register", std::string("filed"), std::string("registered"),
                             row.quarter + " 季度评价监督信息登记"},
                            actor, now);
    audit(c, app.audit_key, actor, now, id, row.declaration_id, dq::to_string(dq::Action::register_), from, t.to,
          row.quarter + " 季度得分 " + filed.score->to_string() + "，结论：" + std::string(domain::label(in.conclusion)) + "。" + in.opinion);
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
      id = store::insert_quarterly(c, declaration_id, quarter.to_string(), hundredths(filed.score), count, now_ms);
    } catch (const store::DbError& e) {
      if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, "同一季度的另一月度评价刚刚提交，请重试");
      throw;
    }
    audit(c, key, actor, now, id, declaration_id, *action, std::nullopt, dq::State::pending, note);
    return;
  }
  if (!store::update_quarterly_months(c, existing->id, existing->version, std::string(dq::to_string(dq::State::pending)),
                                      hundredths(filed.score), count, now_ms))
    throw Failure(Error::conflict, quarter.to_string() + " 季度评价刚被修改，请重试");
  if (action) audit(c, key, actor, now, existing->id, declaration_id, *action, from, dq::State::pending, note);
}

}  // namespace qsm::service
