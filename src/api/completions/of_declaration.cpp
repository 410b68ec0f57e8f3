// GET /api/declarations/{id}/completion — the declaration's completion (or null) and whether the
// contractor may apply now; POST — 竣工评价申请.
#include "api/completions/codec.hpp"
#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"

namespace qsm::api::completions {

http::Response of_declaration(Context& ctx) {
  auto dc = service::declaration_completion(ctx.app, ctx.actor(), ctx.id("id"));
  const auto& grades = ctx.app.tuned().grades;
  boost::json::object ref = declarations::ref_json(store::DeclarationRef{dc.declaration.id, dc.declaration.registration_no,
                                                                         dc.declaration.project_name, dc.declaration.district,
                                                                         dc.declaration.general_name, dc.declaration.supervision_name,
                                                                         dc.declaration.management_status, dc.declaration.stop_work});
  return json_response(boost::json::object{
      {"declaration", std::move(ref)},
      {"completion", dc.completion ? boost::json::value(detail_json(*dc.completion, ctx.actor(), grades)) : nullptr},
      {"check", check_json(dc.check)}});
}

http::Response apply(Context& ctx) {
  auto fields = parse_fields(ctx.body(), false, nullptr);
  return json_response(detail_json(service::apply_completion(ctx.app, ctx.actor(), ctx.id("id"), fields), ctx.actor(),
                                   ctx.app.tuned().grades),
                       201);
}

}  // namespace qsm::api::completions
