// POST /api/monthly/{id}/submit (contractor) and …/review-submit (site supervisor): freeze the sheet.
#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {
namespace {

http::Response act(Context& ctx, domain::monthly::Action action) {
  auto version = parse_version(ctx.body());
  return json_response(detail_json(service::act_on_monthly(ctx.app, ctx.actor(), ctx.id("id"), action, version), ctx.actor()));
}

}  // namespace

http::Response submit(Context& ctx) { return act(ctx, domain::monthly::Action::submit); }
http::Response review_submit(Context& ctx) { return act(ctx, domain::monthly::Action::review_submit); }

}  // namespace qsm::api::monthly
