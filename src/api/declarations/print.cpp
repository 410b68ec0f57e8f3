// GET /api/declarations/{id}/print.pdf — the 申报表 as an A4 PDF.
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/print_views.hpp"

namespace qsm::api::declarations {

http::Response print(Context& ctx) {
  auto d = service::get_declaration(ctx.app, ctx.actor(), ctx.id("id"));
  const auto project = service::query::project(ctx.app, d.project_id);
  const auto audit = service::query::trail(ctx.app, domain::declaration::kSpec.m.entity, d.id);
  return printed_pdf(ctx, service::DocumentKind::declaration, d.id, d.version, "declaration-" + d.registration_no + ".pdf",
                     [&](const print::DocumentMark& mark) { return print::declaration_pdf(declaration_form(d, project), trail_of(audit), mark); });
}

}  // namespace qsm::api::declarations
