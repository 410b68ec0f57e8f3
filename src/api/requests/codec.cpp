// Management request JSON codec.
#include "api/requests/codec.hpp"

#include <boost/json.hpp>
#include <limits>

#include "api/declarations/codec.hpp"
#include "api/values.hpp"
#include "domain/clerk.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::requests {
namespace {

namespace dm = domain::management;

constexpr json::TextRule kOptionalText{.max = 2000, .required = false, .multiline = true};

}  // namespace

boost::json::object to_json(const store::RequestRow& r, const domain::Actor& viewer) {
  const auto kind = dm::kind_from(r.kind).value_or(dm::Kind::suspend);
  const auto state = dm::state_from(r.status).value_or(dm::State::pending_review);
  boost::json::array actions;
  if (domain::acts_in(viewer, domain::Permission::request_write))
    for (auto a : dm::available(kind, state, viewer.role)) actions.push_back(boost::json::string(dm::to_string(a)));
  boost::json::value review = nullptr;
  if (r.reviewed_at)
    review = boost::json::object{
        {"opinion", r.review_opinion.value_or("")}, {"reviewer", text_json(r.reviewer)}, {"reviewed_at", instant_json(r.reviewed_at)}};
  boost::json::value registration = nullptr;
  if (r.registered_at)
    registration = boost::json::object{{"opinion", r.register_opinion.value_or("")},
                                       {"registered_by", text_json(r.registered_by)},
                                       {"registered_at", instant_json(r.registered_at)}};
  boost::json::object o{{"id", r.id},
                        {"version", r.version},
                        {"status", r.status},
                        {"status_label", dm::label(state, kind)},
                        {"declaration", declarations::ref_json(r)},
                        {"reason", r.reason},
                        {"requested_by", r.requested_by},
                        {"requested_at", instant_json(r.requested_at)},
                        {"review", std::move(review)},
                        {"registration", std::move(registration)},
                        {"updated_at", instant_json(r.updated_at)},
                        {"actions", std::move(actions)}};
  if (kind != dm::Kind::terminate) {
    o["kind"] = r.kind;
    o["kind_label"] = dm::label(kind);
    o["date"] = text_json(r.date);
    o["withdrawn_at"] = instant_json(r.withdrawn_at);
  }
  return o;
}

boost::json::array intervals_json(std::span<const dm::Interval> iv) {
  boost::json::array out;
  for (const auto& i : iv)
    out.push_back(boost::json::object{{"start", domain::format_date(i.start)},
                                      {"end", i.end ? boost::json::value(domain::format_date(*i.end)) : nullptr}});
  return out;
}

boost::json::object history_json(const service::SuspensionHistory& h, const domain::Actor& viewer) {
  boost::json::array items;
  for (const auto& r : h.items) items.push_back(to_json(r, viewer));
  return boost::json::object{{"items", std::move(items)}, {"intervals", intervals_json(h.intervals)}};
}

SuspensionBody parse_suspension(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"kind", "reason", "date"});
  SuspensionBody out;
  if (auto kind = r.text("kind", {.max = 10})) {
    auto k = dm::kind_from(*kind);
    if (!k || *k == dm::Kind::terminate)
      problems.add("$.kind", "应为 suspend（中止）或 resume（恢复）");
    else
      out.kind = *k;
  }
  out.reason = r.text("reason", kOptionalText).value_or("");
  out.date = r.text("date", {.max = 10}).value_or("");
  problems.throw_if_any("中止/恢复申请内容有误，请按提示修改");
  return out;
}

std::string parse_termination(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"reason"});
  auto reason = r.text("reason", {.max = 2000, .multiline = true}).value_or("");
  problems.throw_if_any("终止申请内容有误，请按提示修改");
  return reason;
}

StepBody parse_step(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "opinion"});
  StepBody out;
  out.version = read_version(r);
  out.opinion = r.text("opinion", kOptionalText).value_or("");
  problems.throw_if_any("请求内容有误");
  return out;
}

store::RequestQuery parse_query(const http::Request& req, store::RequestFamily f) {
  domain::Problems problems;
  store::RequestQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dm::state_from(s).has_value(); }, store::valid_request_sort,
      "-updated_at、updated_at、registration_no、status、-date");
  if (auto v = req.query_param("kind"); v && !v->empty()) {
    auto k = dm::kind_from(*v);
    if (f != store::RequestFamily::suspension || !k || *k == dm::Kind::terminate) problems.add("kind", "可选 suspend（中止）、resume（恢复）");
    q.kind = *v;
  }
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::requests
