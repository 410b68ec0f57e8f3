// GET /api/monthly/{id}/print.pdf — the 月度评价表 as an A4 PDF.
#include <boost/json/parse.hpp>

#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/monthly/codec.hpp"
#include "domain/scoring/sheet_json.hpp"
#include "api/print_views.hpp"
#include "service/photo_service.hpp"

namespace qsm::api::monthly {

http::Response print(Context& ctx) {
  namespace scoring = domain::scoring;
  auto m = service::get_monthly(ctx.app, ctx.actor(), ctx.id("id"));
  auto tmpl = service::template_of(ctx.app, m);
  auto audit = service::query::trail(ctx.app, domain::monthly::kSpec.m.entity, m.id);
  auto sheet = [&](const std::string& input, const std::string& result, service::PhotoTarget target) {
    print::PrintedSheet s{scoring::sheet_input_from_json(boost::json::parse(input)), scoring::sheet_result_from_json(boost::json::parse(result)), true, {}};
    for (auto& [p, thumbnail] : service::sheet_thumbnails(ctx.app, ctx.actor(), m, target))
      s.photos.push_back(photo_print(p, std::move(thumbnail)));
    return s;
  };
  std::optional<print::PrintedSheet> review;
  if (m.review_sheet) review = sheet(*m.review_sheet, *m.review_result, service::PhotoTarget::review);
  return file_response(print::monthly_pdf(monthly_form(m), *tmpl, sheet(m.self_sheet, m.self_result, service::PhotoTarget::self), review, trail_of(audit),
                                          ctx.app.clock.now()),
                       "application/pdf", "inline; filename=\"monthly-" + m.registration_no + "-" + m.period + ".pdf\"");
}

}  // namespace qsm::api::monthly
