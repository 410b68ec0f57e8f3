// POST /api/declarations/{id}/reject — 不受理（监督机构，须填意见）.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response reject(Context& ctx) {
  auto in = parse_action(ctx.body(), false);
  auto d = service::act_on_declaration(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::reject, in);
  return json_response(to_json(d, ctx.actor()));
}

}  // namespace qsm::api::declarations
