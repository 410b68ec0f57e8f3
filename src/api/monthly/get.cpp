// GET /api/monthly/{id} — the evaluation with both sheets and their computed results.
#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {

http::Response get(Context& ctx) {
  return json_response(detail_json(service::monthly_detail(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor()));
}

}  // namespace qsm::api::monthly
