// GET /api/declarations/{id}/summary — 综合信息: registry data, participants, states, audit trail.
// Later workflows add their sections under "sections".
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "domain/checksum.hpp"
#include "domain/registry.hpp"
#include "store/registry_store.hpp"

namespace qsm::api::declarations {

http::Response summary(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  // The declaration was read through the caller's scope; its project and trail go with it.
  auto [contracts, audit] = ctx.app.db->read([&](store::Connection& c) {
    return std::make_pair(store::list_projects_by_id(c, d.project_id), store::audit_of_entity(c, "declaration", d.id));
  });
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
  auto declaration = to_json(d, ctx.actor());
  auto project = declaration["project"];
  return json_response(boost::json::object{{"declaration", std::move(declaration)},
                                           {"project", std::move(project)},
                                           {"contracts", std::move(contract_list)},
                                           {"audit", std::move(trail)},
                                           {"sections", boost::json::object{}}});
}

}  // namespace qsm::api::declarations
