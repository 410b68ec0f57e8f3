// POST /api/completions/{id}/register — 竣工评价监督信息登记: the project leaves quality-
// standardization management (declaration → completed).
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::completions {

http::Response register_(Context& ctx) {
  auto body = parse_register(ctx.body());
  return json_response(detail_json(service::register_completion(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.opinion, body.conclusion),
                                   ctx.actor(), ctx.app.tuned().grades));
}

}  // namespace qsm::api::completions
