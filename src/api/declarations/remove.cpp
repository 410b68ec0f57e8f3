// DELETE /api/declarations/{id}?version=N — only a draft, only by its contractor.
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::declarations {

http::Response remove(Context& ctx) {
  service::delete_declaration(ctx.app, ctx.actor(), ctx.id("id"), version_param(ctx));
  return json_response(boost::json::object{{"ok", true}});
}

}  // namespace qsm::api::declarations
