// POST /api/quarterly/{id}/register — 季度评价监督信息登记 by the authority.
#include "api/handlers.hpp"
#include "api/quarterly/codec.hpp"

namespace qsm::api::quarterly {

http::Response register_(Context& ctx) {
  auto in = parse_registration(ctx.body());
  return json_response(
      detail_json(service::register_quarter(ctx.app, ctx.actor(), ctx.id("id"), in), ctx.actor(), ctx.app.tuned().grades));
}

}  // namespace qsm::api::quarterly
