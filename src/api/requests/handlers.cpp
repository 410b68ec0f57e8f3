// The suspension (中止/恢复) and termination (终止) endpoints: one set of handlers over the request
// family, wired by the route table under /api/suspensions and /api/terminations.
#include <boost/json.hpp>

#include "api/handlers.hpp"
#include "service/queries.hpp"
#include "api/requests/codec.hpp"
#include "api/values.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"

namespace qsm::api {
namespace {

using store::RequestFamily;
namespace dm = domain::management;

http::Response list_of(Context& ctx, RequestFamily f) {
  auto q = requests::parse_query(ctx.req, f);
  auto page = service::query::requests(ctx.app, ctx.actor(), f, q);
  boost::json::array items;
  for (const auto& row : page.items) items.push_back(requests::to_json(row, ctx.actor()));
  return json_response(page_json(std::move(items), page.total, Paging{q.page, q.page_size}));
}

http::Response export_of(Context& ctx, RequestFamily f) {
  auto q = requests::parse_query(ctx.req, f);
  const bool suspension = f == RequestFamily::suspension;
  std::vector<print::XlsxColumn> columns{{"报监编号", 16}, {"工程名称", 36}, {"所在区", 10}, {"施工总包", 30}, {"监理单位", 30}};
  if (suspension) columns.insert(columns.end(), {{"类型", 8}, {"日期", 12}});
  columns.insert(columns.end(), {{"原因", 36}, {"状态", 28}, {"申请时间", 20}, {"复核意见", 30}, {"复核时间", 20}, {"备案意见", 30}, {"备案时间", 20}});
  const auto status = dm::state_from(q.status);
  const auto kind_filter = dm::kind_from(q.kind);
  auto sheet = list_sheet(ctx, suspension ? "中止恢复评价" : "终止评价", columns, q,
                          status ? std::string(dm::label(*status, suspension ? dm::Kind::suspend : dm::Kind::terminate)) : q.status,
                          {{"类型", kind_filter ? std::string(dm::label(*kind_filter)) : q.kind}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::query::each_request(ctx.app, ctx.actor(), f, q, [&](const store::RequestRow& r) {
      const auto kind = *dm::kind_from(r.kind);
      std::vector<print::XlsxCell> cells{r.registration_no, r.project_name, r.district, r.general_name, r.supervision_name.value_or("")};
      if (suspension) cells.insert(cells.end(), {std::string(dm::label(kind)), print::date_cell(r.date.value_or(""))});
      cells.insert(cells.end(), {r.reason, std::string(dm::label(*dm::state_from(r.status), kind)), print::time_cell(r.requested_at),
                                 r.review_opinion.value_or(""), print::time_cell(r.reviewed_at), r.register_opinion.value_or(""),
                                 print::time_cell(r.registered_at)});
      add(cells);
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       suspension ? "attachment; filename=\"suspensions.xlsx\"; filename*=UTF-8''%E4%B8%AD%E6%AD%A2%E8%AF%84%E4%BB%B7.xlsx"
                                  : "attachment; filename=\"terminations.xlsx\"; filename*=UTF-8''%E7%BB%88%E6%AD%A2%E8%AF%84%E4%BB%B7.xlsx");
}

http::Response record(Context& ctx, const store::RequestRow& row, int status = 200) {
  return json_response(requests::to_json(row, ctx.actor()), status);
}

http::Response review_of(Context& ctx, RequestFamily f) {
  auto body = requests::parse_step(ctx.body());
  return record(ctx, service::review_request(ctx.app, ctx.actor(), f, ctx.id("id"), body.version, body.opinion));
}

http::Response register_of(Context& ctx, RequestFamily f) {
  auto body = requests::parse_step(ctx.body());
  return record(ctx, service::register_request(ctx.app, ctx.actor(), f, ctx.id("id"), body.version, body.opinion));
}

}  // namespace

namespace suspensions {

http::Response list(Context& ctx) { return list_of(ctx, RequestFamily::suspension); }
http::Response export_xlsx(Context& ctx) { return export_of(ctx, RequestFamily::suspension); }
http::Response get(Context& ctx) { return record(ctx, service::get_request(ctx.app, ctx.actor(), RequestFamily::suspension, ctx.id("id"))); }
http::Response review(Context& ctx) { return review_of(ctx, RequestFamily::suspension); }
http::Response register_(Context& ctx) { return register_of(ctx, RequestFamily::suspension); }

http::Response withdraw(Context& ctx) {
  return record(ctx, service::withdraw_suspension(ctx.app, ctx.actor(), ctx.id("id"), parse_version(ctx.body())));
}

http::Response create(Context& ctx) {
  auto body = requests::parse_suspension(ctx.body());
  return record(ctx, service::request_suspension(ctx.app, ctx.actor(), ctx.id("id"), body.kind, body.reason, body.date), 201);
}

http::Response of_declaration(Context& ctx) {
  return json_response(requests::history_json(service::declaration_suspensions(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor()));
}

}  // namespace suspensions

namespace terminations {

http::Response list(Context& ctx) { return list_of(ctx, RequestFamily::termination); }
http::Response export_xlsx(Context& ctx) { return export_of(ctx, RequestFamily::termination); }
http::Response get(Context& ctx) { return record(ctx, service::get_request(ctx.app, ctx.actor(), RequestFamily::termination, ctx.id("id"))); }
http::Response review(Context& ctx) { return review_of(ctx, RequestFamily::termination); }
http::Response register_(Context& ctx) { return register_of(ctx, RequestFamily::termination); }

http::Response create(Context& ctx) {
  auto reason = requests::parse_termination(ctx.body());
  return record(ctx, service::request_termination(ctx.app, ctx.actor(), ctx.id("id"), reason), 201);
}

}  // namespace terminations
}  // namespace qsm::api
