// POST /api/completions/{id}/resubmit — 再次提交复核: the contractor's edited application.
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::completions {

http::Response resubmit(Context& ctx) {
  std::int64_t version = 0;
  auto fields = parse_fields(ctx.body(), true, &version);
  return json_response(detail_json(service::resubmit_completion(ctx.app, ctx.actor(), ctx.id("id"), version, fields), ctx.actor(),
                                   ctx.app.tuned().grades));
}

}  // namespace qsm::api::completions
