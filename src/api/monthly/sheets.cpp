// PUT /api/monthly/{id}/self-sheet and …/review-sheet — save (or, with ?preview=true, only score)
// the contractor's self sheet or the site supervisor's review sheet.
#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"
#include "domain/scoring/sheet_json.hpp"

namespace qsm::api::monthly {
namespace {

http::Response save(Context& ctx, service::Sheet sheet) {
  const bool preview = ctx.preview();
  auto body = parse_sheet(ctx.body(), preview);
  if (preview)
    return json_response(boost::json::object{
        {"result", domain::scoring::to_json(service::preview_sheet(ctx.app, ctx.actor(), ctx.id("id"), sheet, body.input))}});
  return json_response(detail_json(service::save_sheet(ctx.app, ctx.actor(), ctx.id("id"), sheet, body.version, body.input), ctx.actor()));
}

}  // namespace

http::Response save_self_sheet(Context& ctx) { return save(ctx, service::Sheet::self); }
http::Response save_review_sheet(Context& ctx) { return save(ctx, service::Sheet::review); }

}  // namespace qsm::api::monthly
