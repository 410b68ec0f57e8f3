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
  const auto self = sheet(m.self_sheet, m.self_result, service::PhotoTarget::self);
  const bool full = ctx.req.query_param("full") == std::optional<std::string_view>("true");
  return printed_pdf(ctx, service::DocumentKind::monthly, m.id, m.version, "monthly-" + m.registration_no + "-" + m.period + ".pdf",
                     [&](const print::DocumentMark& mark) { return print::monthly_pdf(monthly_form(m), *tmpl, self, review, trail_of(audit), mark, full); });
}

}  // namespace qsm::api::monthly
