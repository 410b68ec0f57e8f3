// GET /api/completions/{id}/print.pdf — the 竣工评价表 as an A4 PDF.
#include "api/completions/codec.hpp"
#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/print_views.hpp"

namespace qsm::api::completions {

http::Response print(Context& ctx) {
  auto d = service::get_completion(ctx.app, ctx.actor(), ctx.id("id"));
  auto audit = service::query::trail(ctx.app, domain::completion::kSpec.m.entity, d.row.id);
  return printed_pdf(ctx, service::DocumentKind::completion, d.row.id, d.row.version, "completion-" + d.row.registration_no + ".pdf",
                     [&](const print::DocumentMark& mark) {
                       return print::completion_pdf(completion_form(d), ctx.app.tuned().grades, trail_of(audit), mark);
                     });
}

}  // namespace qsm::api::completions
