// GET /api/declarations/{id}
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response get(Context& ctx) {
  return json_response(detail_json(service::get_declaration(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor()));
}

}  // namespace qsm::api::declarations
