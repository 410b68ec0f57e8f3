// GET /api/monthly — the caller's monthly evaluations with the query form's filters.
#include <boost/json.hpp>

#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {

http::Response list(Context& ctx) {
  auto q = parse_query(ctx.req);
  auto page = service::query::monthly(ctx.app, ctx.actor(), q);
  const auto today = domain::shanghai_date(ctx.app.clock.now());
  boost::json::array items;
  for (const auto& m : page.items) items.push_back(list_json(m, ctx.actor(), today, ctx.app.tuned().deadlines));
  return json_response(page_json(std::move(items), page.total, Paging{q.page, q.page_size}));
}

}  // namespace qsm::api::monthly
