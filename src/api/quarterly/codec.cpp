// Quarterly registration JSON codec.
#include "api/quarterly/codec.hpp"

#include <boost/json.hpp>
#include <limits>

#include "api/declarations/codec.hpp"
#include "api/values.hpp"
#include "domain/period.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::quarterly {

namespace dq = domain::quarterly;

boost::json::object registration_json(const store::RegistrationRecord& r) {
  boost::json::array periods;
  for (const auto& p : r.periods) periods.push_back(boost::json::string(p));
  boost::json::object o{{"inspection_date", r.inspection_date},
                        {"inspectors", r.inspectors},
                        {"opinion", r.opinion},
                        {"score", score_json(r.score)},
                        {"periods", std::move(periods)},
                        {"registered_at", instant_json(r.registered_at)},
                        {"registered_by", r.registered_by}};
  put_conclusion(o, r.conclusion);
  return o;
}

boost::json::object to_json(const store::QuarterlyRow& q, const domain::Actor& viewer, const domain::GradeThresholds& grades) {
  auto state = dq::state_from(q.status).value_or(dq::State::pending);
  boost::json::array actions;
  for (auto a : dq::available(state, viewer.role)) actions.push_back(boost::json::string(dq::to_string(a)));
  boost::json::object o{{"id", q.id},
                        {"version", q.version},
                        {"quarter", q.quarter},
                        {"status", q.status},
                        {"status_label", dq::label(state)},
                        {"declaration", declarations::ref_json(q)},
                        {"month_count", q.month_count},
                        {"registration_count", q.registration_count},
                        {"supplementary", state == dq::State::pending && q.registration_count > 0},
                        {"registration", q.latest ? boost::json::value(registration_json(*q.latest)) : nullptr},
                        {"created_at", instant_json(q.created_at)},
                        {"updated_at", instant_json(q.updated_at)},
                        {"registered_at", instant_json(q.registered_at)},
                        {"actions", std::move(actions)}};
  put_score(o, q.score, grades);
  return o;
}

boost::json::object detail_json(const service::QuarterlyDetail& d, const domain::Actor& viewer, const domain::GradeThresholds& grades) {
  auto o = to_json(d.row, viewer, grades);
  // Always the quarter's three calendar months, with or without an evaluation.
  boost::json::array months;
  const auto quarter = *domain::Quarter::parse(d.row.quarter);
  for (auto m = quarter.first(); m <= quarter.last(); m = m.next()) {
    const auto period = m.to_string();
    const store::QuarterMonth* found = nullptr;
    for (const auto& e : d.months)
      if (e.period == period) found = &e;
    const bool suspended = d.suspended.count(m) > 0;
    boost::json::object mo{{"period", period}, {"due", !suspended && d.accepted && m >= *d.accepted && m <= d.current}, {"suspended", suspended}};
    mo["id"] = found ? boost::json::value(found->id) : nullptr;
    mo["status"] = found ? boost::json::value(found->status) : nullptr;
    mo["status_label"] = found ? boost::json::value(domain::monthly::state_label(found->status)) : nullptr;
    mo["review_score"] = score_json(found ? found->review_score : std::nullopt);
    months.push_back(std::move(mo));
  }
  o["months"] = std::move(months);
  boost::json::array history;
  for (const auto& r : d.registrations) history.push_back(registration_json(r));
  o["registrations"] = std::move(history);
  return o;
}

service::RegistrationInput parse_registration(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "inspection_date", "inspectors", "opinion", "conclusion"});
  service::RegistrationInput in;
  in.version = read_version(r);
  in.inspection_date = r.text("inspection_date", {.max = 10}).value_or("");
  in.inspectors = r.text("inspectors", {.max = 200}).value_or("");
  in.opinion = r.text("opinion", {.max = 2000, .multiline = true}).value_or("");
  if (auto g = read_conclusion(r, problems)) in.conclusion = *g;
  problems.throw_if_any("登记内容有误，请按提示修改");
  return in;
}

store::QuarterlyQuery parse_query(const http::Request& req) {
  domain::Problems problems;
  store::QuarterlyQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dq::state_from(s).has_value(); }, store::valid_quarterly_sort,
      "-quarter、quarter、-updated_at、registration_no、status");
  for (auto [key, out] : {std::pair{"quarter_from", &q.quarter_from}, std::pair{"quarter_to", &q.quarter_to}}) {
    auto v = req.query_param(key);
    if (!v || v->empty()) continue;
    if (!domain::Quarter::parse(*v)) problems.add(key, "季度应为 YYYY-Qn，例如 2026-Q1");
    *out = *v;
  }
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::quarterly
