// GET /api/declarations/{id}/print.pdf — the 申报表 as an A4 PDF.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/print_views.hpp"

namespace qsm::api::declarations {

http::Response print(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  auto [project, audit] = ctx.app.db->read([&](store::Connection& c) {
    return std::make_pair(store::list_projects_by_id(c, d.project_id), store::audit_of_entity(c, "declaration", d.id));
  });
  return file_response(print::declaration_pdf(declaration_form(d, project), trail_of(audit), ctx.app.clock.now()), "application/pdf",
                       "inline; filename=\"declaration-" + d.registration_no + ".pdf\"");
}

}  // namespace qsm::api::declarations
