// PUT /api/completions/{id}/review (复核: 同意/不同意 + opinion, saved) and POST …/review-submit
// (提交: agreed → the authority's registration, disagreed → back to the contractor).
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"
#include "api/values.hpp"

namespace qsm::api::completions {

http::Response save_review(Context& ctx) {
  auto body = parse_review(ctx.body());
  return json_response(detail_json(service::save_completion_review(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.agree, body.opinion),
                                   ctx.actor(), ctx.app.tuned().grades));
}

http::Response review_submit(Context& ctx) {
  auto version = parse_version(ctx.body());
  return json_response(
      detail_json(service::submit_completion_review(ctx.app, ctx.actor(), ctx.id("id"), version), ctx.actor(), ctx.app.tuned().grades));
}

}  // namespace qsm::api::completions
