// POST /api/declarations/{id}/return — 退回（监理企业，须填意见）.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response return_(Context& ctx) {
  auto in = parse_action(ctx.body(), false);
  auto d = service::act_on_declaration(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::return_, in);
  return json_response(to_json(d, ctx.actor()));
}

}  // namespace qsm::api::declarations
