// PUT /api/declarations/{id} — edit a draft or returned declaration, with the version read.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "util/json.hpp"

namespace qsm::api::declarations {

http::Response update(Context& ctx) {
  auto body = ctx.body();
  auto in = parse_input(body, false);
  auto version = parse_action(boost::json::object{{"version", body.is_object() && body.as_object().contains("version") ? body.at("version") : nullptr}}, false).version;
  return json_response(to_json(service::update_declaration(ctx.app, ctx.actor(), ctx.id("id"), version, in), ctx.actor()));
}

}  // namespace qsm::api::declarations
