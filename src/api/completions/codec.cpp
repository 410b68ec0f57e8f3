// Completion evaluation JSON codec.
#include "api/completions/codec.hpp"

#include <boost/json.hpp>
#include <limits>

#include "api/declarations/codec.hpp"
#include "api/values.hpp"
#include "domain/clerk.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::completions {
namespace {

namespace dc = domain::completion;

constexpr json::TextRule kLongText{.max = 2000, .multiline = true};

}  // namespace

boost::json::object to_json(const store::CompletionRow& c, const domain::Actor& viewer, const domain::GradeThresholds& grades) {
  auto state = dc::state_from(c.status).value_or(dc::State::pending_review);
  boost::json::array actions;
  if (domain::acts_in(viewer, domain::Permission::completion_write))
    for (auto a : dc::available(state, viewer.role)) {
      // 提交 follows a saved 复核.
      if (a == dc::Action::review_submit && !c.review_agree) continue;
      actions.push_back(boost::json::string(dc::to_string(a)));
    }
  boost::json::value review = nullptr;
  if (c.review_agree)
    review = boost::json::object{{"agree", *c.review_agree},
                                 {"opinion", c.review_opinion.value_or("")},
                                 {"reviewer", text_json(c.reviewer)},
                                 {"saved_at", instant_json(c.reviewed_at)}};
  boost::json::value registration = nullptr;
  if (c.registered_at) {
    boost::json::object r{{"opinion", c.register_opinion.value_or("")},
                          {"registered_at", instant_json(c.registered_at)},
                          {"registered_by", text_json(c.registered_by)}};
    put_conclusion(r, c.conclusion);
    registration = std::move(r);
  }
  boost::json::object o{{"id", c.id},
                        {"version", c.version},
                        {"status", c.status},
                        {"status_label", dc::label(state)},
                        {"declaration", declarations::ref_json(c)},
                        {"completion_date", c.fields.completion_date},
                        {"acceptance_info", c.fields.acceptance_info},
                        {"self_assessment", c.fields.self_assessment},
                        {"review", std::move(review)},
                        {"registration", std::move(registration)},
                        {"applied_at", instant_json(c.applied_at)},
                        {"submitted_at", instant_json(c.submitted_at)},
                        {"updated_at", instant_json(c.updated_at)},
                        {"actions", std::move(actions)}};
  put_score(o, c.score, grades);
  return o;
}

boost::json::object detail_json(const service::CompletionDetail& d, const domain::Actor& viewer, const domain::GradeThresholds& grades) {
  auto o = to_json(d.row, viewer, grades);
  boost::json::array months;
  // A month's draft is the contractor's own work (as in the monthly lists).
  const bool drafts = domain::Scope::of(viewer).sees_drafts;
  for (const auto& m : d.months) {
    if (domain::monthly::state_from(m.status) == domain::monthly::State::draft && !drafts) continue;
    months.push_back(boost::json::object{{"id", m.id},
                                         {"period", m.period},
                                         {"status", m.status},
                                         {"status_label", domain::monthly::state_label(m.status)},
                                         {"review_score", score_json(m.review_score)}});
  }
  o["months"] = std::move(months);
  // Every submitted 竣工复核, oldest first (issue 26): a 不同意 round stays on show after a resubmission.
  boost::json::array rounds;
  for (const auto& r : d.rounds)
    rounds.push_back(boost::json::object{{"round", r.round},
                                         {"agree", r.agree},
                                         {"opinion", r.opinion},
                                         {"reviewer", text_json(r.reviewer)},
                                         {"reviewed_at", instant_json(r.reviewed_at)},
                                         {"submitted_at", instant_json(r.submitted_at)}});
  o["review_rounds"] = std::move(rounds);
  boost::json::array quarters;
  for (const auto& q : d.quarters) {
    boost::json::object qo{{"id", q.id}, {"quarter", q.quarter}, {"status", q.status}, {"status_label", domain::quarterly::state_label(q.status)}};
    put_score(qo, q.score, grades);
    quarters.push_back(std::move(qo));
  }
  o["quarters"] = std::move(quarters);
  return o;
}

boost::json::object check_json(const service::CompletionCheck& k) {
  boost::json::array months, quarters;
  for (const auto& m : k.missing_months) months.push_back(boost::json::string(m));
  for (const auto& q : k.unregistered_quarters) quarters.push_back(boost::json::string(q));
  return boost::json::object{{"ready", k.ready},
                             {"last_due_month", k.last_due ? boost::json::value(k.last_due->to_string()) : nullptr},
                             {"missing_months", std::move(months)},
                             {"unregistered_quarters", std::move(quarters)},
                             {"message", k.message}};
}

store::CompletionFields parse_fields(const boost::json::value& body, bool with_version, std::int64_t* version) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  if (with_version)
    r.reject_unknown({"version", "completion_date", "acceptance_info", "self_assessment"});
  else
    r.reject_unknown({"completion_date", "acceptance_info", "self_assessment"});
  if (with_version) *version = read_version(r);
  store::CompletionFields f;
  f.completion_date = r.text("completion_date", {.max = 10}).value_or("");
  f.acceptance_info = r.text("acceptance_info", kLongText).value_or("");
  f.self_assessment = r.text("self_assessment", kLongText).value_or("");
  problems.throw_if_any("竣工评价内容有误，请按提示修改");
  return f;
}

ReviewBody parse_review(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "agree", "opinion"});
  ReviewBody out;
  out.version = read_version(r);
  out.agree = r.boolean("agree").value_or(true);
  out.opinion = r.text("opinion", {.max = 2000, .required = false, .multiline = true}).value_or("");
  problems.throw_if_any("复核内容有误，请按提示修改");
  return out;
}

RegisterBody parse_register(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "opinion", "conclusion"});
  RegisterBody out;
  out.version = read_version(r);
  out.opinion = r.text("opinion", kLongText).value_or("");
  if (auto g = read_conclusion(r, problems)) out.conclusion = *g;
  problems.throw_if_any("登记内容有误，请按提示修改");
  return out;
}

store::ListQuery parse_query(const http::Request& req) {
  domain::Problems problems;
  store::ListQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dc::state_from(s).has_value(); }, store::valid_completion_sort,
      "-updated_at、updated_at、registration_no、status");
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::completions
