// GET /api/declarations/{id}/audit — the declaration's audit trail.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"

namespace qsm::api::declarations {

http::Response audit(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  auto rows = service::query::trail(ctx.app, domain::declaration::kSpec.m.entity, d.id);
  boost::json::array items;
  for (const auto& a : rows) items.push_back(audit_json(a));
  return json_response(boost::json::object{{"items", std::move(items)}});
}

}  // namespace qsm::api::declarations
