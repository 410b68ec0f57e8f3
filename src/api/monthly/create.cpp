// POST /api/declarations/{id}/monthly {period} — 新增评价 (contractor): a draft with full marks.
#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::monthly {

http::Response create(Context& ctx) {
  domain::Problems problems;
  const auto body = ctx.body();  // the reader keeps a pointer into it
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"period"});
  auto period = r.text("period", {.max = 7});
  problems.throw_if_any("请求内容有误");
  auto m = service::create_monthly(ctx.app, ctx.actor(), ctx.id("id"), *period);
  return json_response(detail_json(service::monthly_detail(ctx.app, ctx.actor(), std::move(m)), ctx.actor()), 201);
}

}  // namespace qsm::api::monthly
