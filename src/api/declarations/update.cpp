// PUT /api/declarations/{id} — edit a draft or returned declaration, with the version read.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response update(Context& ctx) {
  std::int64_t version = 0;
  auto in = parse_input(ctx.body(), false, &version);
  return json_response(to_json(service::update_declaration(ctx.app, ctx.actor(), ctx.id("id"), version, in), ctx.actor()));
}

}  // namespace qsm::api::declarations
