// GET /api/declarations/{id}/audit — the declaration's audit trail.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response audit(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  auto rows = ctx.app.db->read([&](store::Connection& c) { return store::audit_of_entity(c, "declaration", d.id); });
  boost::json::array items;
  for (const auto& a : rows) items.push_back(audit_json(a));
  return json_response(boost::json::object{{"items", std::move(items)}});
}

}  // namespace qsm::api::declarations
