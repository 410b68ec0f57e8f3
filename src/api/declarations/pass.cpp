// POST /api/declarations/{id}/pass — 复核通过（监理企业，可更正监理项目负责人）; with ?preview=true
// only the checks of 通过 (the state, the version, the corrected manager against the registry): the
// dialog's check when the manager's fields are left.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response pass(Context& ctx) {
  auto in = parse_action(ctx.body(), true);
  if (ctx.preview()) {
    service::check_declaration_action(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::pass, in);
    return json_response(boost::json::object{{"checked", true}});
  }
  auto d = service::act_on_declaration(ctx.app, ctx.actor(), ctx.id("id"), domain::declaration::Action::pass, in);
  return json_response(to_json(d, ctx.actor()));
}

}  // namespace qsm::api::declarations
