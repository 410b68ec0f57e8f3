// GET /api/declarations/{id}/summary — 综合信息: registry data, participants, states, the audit
// trail of the declaration and its months; each workflow adds its section under "sections".
#include <boost/json.hpp>
#include <tuple>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/completions/codec.hpp"
#include "api/monthly/codec.hpp"
#include "api/quarterly/codec.hpp"
#include "api/requests/codec.hpp"
#include "api/values.hpp"
#include "domain/spot_check.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/checksum.hpp"
#include "domain/registry.hpp"
#include "service/queries.hpp"

namespace qsm::api::declarations {

http::Response summary(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  // The declaration was read through the caller's scope; its project and trail go with it.
  auto [contracts, audit, months, quarters] = service::query::records_of(ctx.app, ctx.actor(), d.id, d.project_id);
  std::optional<service::CompletionDetail> completion;
  if (d.completion_id) completion = service::get_completion(ctx.app, ctx.actor(), *d.completion_id);
  // 抽查比对: the authority's own records.
  boost::json::value spot_checks = nullptr;
  if (domain::allowed(ctx.actor().role, domain::Permission::spot_check)) {
    boost::json::array items;
    for (const auto& s : service::query::spot_checks_of(ctx.app, d.id))
      items.push_back(boost::json::object{{"id", s.row.id},
                                          {"monthly_id", s.row.monthly_id},
                                          {"period", s.period},
                                          {"status", s.row.status},
                                          {"status_label", domain::spot_check::state_label(s.row.status)},
                                          {"self_rate", score_json(s.row.self_rate)},
                                          {"review_rate", score_json(s.row.review_rate)},
                                          {"inspector", s.row.inspector},
                                          {"updated_at", instant_json(s.row.updated_at)},
                                          {"finished_at", instant_json(s.row.finished_at)}});
    spot_checks = boost::json::object{{"items", std::move(items)}};
  }
  // 中止/恢复 and 终止, for the roles that see them (not the general contractor's site user).
  boost::json::value suspensions = nullptr, termination = nullptr;
  if (domain::allowed(ctx.actor().role, domain::Permission::request_view)) {
    suspensions = requests::history_json(service::declaration_suspensions(ctx.app, ctx.actor(), d.id), ctx.actor());
    if (d.termination)
      termination = requests::to_json(service::get_request(ctx.app, ctx.actor(), store::RequestFamily::termination, d.termination->id), ctx.actor());
  }
  boost::json::array contract_list;
  auto add = [&](const std::optional<store::ContractSummary>& k, domain::registry::ContractKind kind) {
    if (!k) return;
    contract_list.push_back(boost::json::object{
        {"kind", domain::registry::to_string(kind)},
        {"kind_label", domain::registry::label(kind)},
        {"report_no", k->report_no},
        {"enterprise", boost::json::object{{"uscc", k->enterprise_uscc}, {"name", k->enterprise_name}}},
        {"manager", boost::json::object{{"name", k->manager_name}, {"mobile_masked", domain::mask_mobile(k->manager_mobile)}}}});
  };
  if (contracts) {
    add(contracts->general, domain::registry::ContractKind::general);
    add(contracts->supervision, domain::registry::ContractKind::supervision);
  }
  boost::json::array trail;
  for (const auto& a : audit) trail.push_back(audit_json(a));
  // 月度评价: each month as the monthly list shows it, oldest first (the trend chart's order).
  boost::json::array monthly;
  for (auto it = months.rbegin(); it != months.rend(); ++it) monthly.push_back(monthly::to_json(*it, ctx.actor()));
  boost::json::array quarterly;
  for (const auto& q : quarters) quarterly.push_back(quarterly::to_json(q, ctx.actor(), ctx.app.tuned().grades));
  auto declaration = detail_json(d, ctx.actor());
  auto project = declaration["project"];
  return json_response(boost::json::object{{"declaration", std::move(declaration)},
                                           {"project", std::move(project)},
                                           {"contracts", std::move(contract_list)},
                                           {"audit", std::move(trail)},
                                           {"sections", boost::json::object{
                                                            {"monthly", boost::json::object{{"items", std::move(monthly)}}},
                                                            {"quarterly", boost::json::object{{"items", std::move(quarterly)}}},
                                                            {"completion", completion ? boost::json::value(completions::detail_json(
                                                                                           *completion, ctx.actor(), ctx.app.tuned().grades))
                                                                                     : nullptr},
                                                            {"suspensions", std::move(suspensions)},
                                                            {"termination", std::move(termination)},
                                                            {"spot_checks", std::move(spot_checks)}}}});
}

}  // namespace qsm::api::declarations
