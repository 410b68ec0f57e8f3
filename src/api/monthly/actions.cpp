// POST /api/monthly/{id}/submit (contractor) and …/review-submit (site supervisor): freeze the sheet.
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {
namespace {

http::Response act(Context& ctx, service::Sheet sheet) {
  auto version = parse_version(ctx.body());
  return json_response(detail_json(service::monthly_detail(ctx.app, ctx.actor(), service::submit_sheet(ctx.app, ctx.actor(), ctx.id("id"), sheet, version)),
                                   ctx.actor()));
}

}  // namespace

http::Response submit(Context& ctx) { return act(ctx, service::Sheet::self); }
http::Response review_submit(Context& ctx) { return act(ctx, service::Sheet::review); }

}  // namespace qsm::api::monthly
