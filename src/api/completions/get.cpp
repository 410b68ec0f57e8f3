// GET /api/completions/{id} — the completion with the months and quarters behind its score.
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::completions {

http::Response get(Context& ctx) {
  return json_response(detail_json(service::get_completion(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor(), ctx.app.tuned().grades));
}

}  // namespace qsm::api::completions
