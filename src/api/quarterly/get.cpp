// GET /api/quarterly/{id} — the quarter with its three months and its registration history.
#include "api/handlers.hpp"
#include "api/quarterly/codec.hpp"

namespace qsm::api::quarterly {

http::Response get(Context& ctx) {
  return json_response(detail_json(service::get_quarterly(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor(), ctx.app.tuned().grades));
}

}  // namespace qsm::api::quarterly
