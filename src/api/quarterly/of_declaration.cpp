// GET /api/declarations/{id}/quarterly — the declaration's quarters, oldest first.
#include <boost/json.hpp>

#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/quarterly/codec.hpp"
#include "service/declaration_service.hpp"

namespace qsm::api::quarterly {

http::Response of_declaration(Context& ctx) {
  // Read through the caller's scope first: a declaration out of scope is 404, not an empty list.
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  auto rows = service::query::quarters_of(ctx.app, ctx.actor(), d.id);
  boost::json::array items;
  for (const auto& row : rows) items.push_back(to_json(row, ctx.actor(), ctx.app.tuned().grades));
  return json_response(boost::json::object{{"items", std::move(items)}});
}

}  // namespace qsm::api::quarterly
