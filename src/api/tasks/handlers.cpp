// GET /api/tasks — what awaits the caller (待办), with counts per kind for the menu badges;
// GET /api/overdue — the overdue monthly evaluations of the caller's scope, with who is responsible.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/tasks/codec.hpp"
#include "api/values.hpp"
#include "domain/period.hpp"
#include "domain/registry.hpp"
#include "domain/workflow/monthly.hpp"
#include "service/task_service.hpp"
#include "service/queries.hpp"

namespace qsm::api {
namespace {

namespace od = domain::overdue;

}  // namespace

namespace tasks {

// ?kind= one kind; ?page=&page_size= (page_size 0: the counts only, as the menu's badges read them).
http::Response list(Context& ctx) {
  const auto p = paging(ctx.req, 0);
  service::InboxQuery q{std::string(ctx.req.query_param("kind").value_or("")), p.page, p.page_size};
  if (!q.kind.empty() && !service::is_task_kind(q.kind))
    throw domain::field_failure("kind", "可选 declaration、monthly_evaluation、monthly_due、quarterly_registration、completion、suspension、termination、rectification");
  auto box = service::inbox(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& t : box.items) {
    std::string key = t.kind + ":" + (t.id ? std::to_string(*t.id) : t.period.value_or("")) + ":" + t.action;
    items.push_back(boost::json::object{{"key", key},
                                        {"kind", t.kind},
                                        {"id", t.id ? boost::json::value(*t.id) : nullptr},
                                        {"declaration_id", t.declaration.declaration_id},
                                        {"action", t.action},
                                        {"action_label", t.action_label},
                                        {"title", t.title},
                                        {"status", text_json(t.status)},
                                        {"status_label", text_json(t.status_label)},
                                        {"declaration", declarations::ref_json(t.declaration)},
                                        {"period", text_json(t.period)},
                                        {"since", instant_json(t.since)},
                                        {"waited_days", t.waited_days},
                                        {"overdue", overdue_json(t.overdue.value_or(od::Late{}))}});
  }
  boost::json::object counts;
  for (const auto& [kind, n] : box.counts) counts[kind] = n;
  return json_response(boost::json::object{{"items", std::move(items)},
                                           {"counts", std::move(counts)},
                                           {"total", box.total},
                                           {"overdue", box.overdue},
                                           {"page", p.page},
                                           {"page_size", p.page_size}});
}

}  // namespace tasks

namespace overdue {

http::Response list(Context& ctx) {
  domain::Problems problems;
  const auto filters = list_filters(ctx.req, problems);
  const auto page = paging(ctx.req);
  std::string lateness;
  if (auto v = ctx.req.query_param("lateness"); v && !v->empty()) {
    if (*v != "submission" && *v != "review") problems.add("lateness", "可选 submission（自评逾期）、review（复核逾期）");
    lateness = *v;
  }
  problems.throw_if_any("查询条件有误");
  const auto q = filters.q;
  auto matches = [&](const service::OverdueMonth& o) {
    if (!filters.district.empty() && o.declaration.district != filters.district) return false;
    if (!lateness.empty() && (lateness == "submission") != (o.late.what == od::Lateness::submission)) return false;
    return q.empty() || o.declaration.registration_no.find(q) != std::string::npos || o.declaration.project_name.find(q) != std::string::npos;
  };
  boost::json::array items;
  service::OverdueCounts counts;  // over the whole filtered list, not the page
  std::int64_t total = 0;
  const std::int64_t first = std::int64_t{page.page - 1} * page.page_size;
  for (const auto& o : service::overdue_months(ctx.app, ctx.actor())) {
    if (!matches(o)) continue;
    counts.add(o);
    if (total++ < first || static_cast<std::int64_t>(items.size()) >= page.page_size) continue;
    const bool contractor = o.responsible == domain::Role::contractor;
    items.push_back(boost::json::object{
        {"declaration", declarations::ref_json(o.declaration)},
        {"period", o.period},
        {"monthly_id", o.monthly_id ? boost::json::value(*o.monthly_id) : nullptr},
        {"status", text_json(o.status)},
        {"status_label", o.status ? domain::monthly::state_label(*o.status) : std::string_view("未评价")},
        {"lateness", contractor ? "submission" : "review"},
        {"lateness_label", od::label(o.late.what)},
        {"deadline", domain::format_date(o.late.due)},
        {"days_late", o.days_late},
        {"responsible", contractor ? "contractor" : "site_supervisor"},
        {"responsible_label", contractor ? "施工企业" : "监理机构"},
        {"responsible_name", o.enterprise_name},
        {"manager", o.manager}});
  }
  auto out = page_json(std::move(items), total, page);
  out["by_district"] = tasks::districts_json(counts);
  out["by_enterprise"] = tasks::enterprises_json(counts);
  return json_response(out);
}

}  // namespace overdue
}  // namespace qsm::api
