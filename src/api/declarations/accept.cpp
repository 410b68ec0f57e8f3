// POST /api/declarations/{id}/accept — 受理（监督机构）.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response accept(Context& ctx) {
  auto in = parse_action(ctx.body(), false);
  auto d = service::act_on_declaration(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::accept, in);
  return json_response(to_json(d, ctx.actor()));
}

}  // namespace qsm::api::declarations
