// GET /api/completions — the caller's completion evaluations with the query form's filters.
#include <boost/json.hpp>

#include "api/completions/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"

namespace qsm::api::completions {

http::Response list(Context& ctx) {
  auto q = parse_query(ctx.req);
  auto page = service::query::completions(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& row : page.items) items.push_back(to_json(row, ctx.actor(), ctx.app.tuned().grades));
  return json_response(page_json(std::move(items), page.total, Paging{q.page, q.page_size}));
}

}  // namespace qsm::api::completions
