// GET /api/declarations/{id}/monthly — a declaration's months and the month that may be created next.
#include <boost/json.hpp>

#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {

http::Response of_declaration(Context& ctx) {
  auto months = service::declaration_months(ctx.app, ctx.actor(), ctx.id("id"));
  const auto today = domain::shanghai_date(ctx.app.clock.now());
  boost::json::array items;
  for (const auto& m : months.items) items.push_back(list_json(m, ctx.actor(), today, ctx.app.tuned().deadlines));
  auto total = static_cast<std::int64_t>(items.size());
  auto out = page_json(std::move(items), total, Paging{1, static_cast<int>(std::max<std::int64_t>(total, 1))});
  out["next"] = boost::json::object{
      {"period", months.next.period ? boost::json::value(months.next.period->to_string()) : nullptr},
      {"message", months.next.period ? nullptr : boost::json::value(months.next.reason)}};
  return json_response(out);
}

}  // namespace qsm::api::monthly
