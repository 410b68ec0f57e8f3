// GET /api/declarations — the caller's list with the query form's filters.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"

namespace qsm::api::declarations {

http::Response list(Context& ctx) {
  auto q = parse_query(ctx.req);
  auto page = service::query::declarations(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& d : page.items) items.push_back(to_json(d, ctx.actor()));
  return json_response(page_json(std::move(items), page.total, Paging{q.page, q.page_size}));
}

}  // namespace qsm::api::declarations
