// POST /api/declarations/{id}/pass — 复核通过（监理企业，可更正监理项目负责人）.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response pass(Context& ctx) {
  auto in = parse_action(ctx.body(), true);
  auto d = service::act_on_declaration(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::pass, in);
  return json_response(to_json(d, ctx.actor()));
}

}  // namespace qsm::api::declarations
