// POST /api/declarations — 申报: a contractor declares one of its projects (state draft).
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response create(Context& ctx) {
  auto in = parse_input(ctx.body(), true);
  return json_response(to_json(service::create_declaration(ctx.app, ctx.actor(), in), ctx.actor()), 201);
}

}  // namespace qsm::api::declarations
