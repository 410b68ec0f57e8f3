// /api/rectifications — 整改指令单 (issue 24): list, export, statistics, issue, detail, the
// declaration's orders, reply, confirm, recheck, photos and the printed order and reply form.
#include <boost/json.hpp>
#include <map>

#include "api/handlers.hpp"
#include "api/photos.hpp"
#include "api/rectifications/codec.hpp"
#include "api/values.hpp"
#include "print/rectification_form.hpp"
#include "print/trail.hpp"
#include "api/exports.hpp"
#include "api/print_views.hpp"
#include "print/xlsx.hpp"

namespace qsm::api::rectifications {
namespace {

namespace dr = domain::rectification;

domain::Date today(Context& ctx) { return domain::shanghai_date(ctx.app.clock.now()); }

http::Response detail_response(Context& ctx, const service::RectificationDetail& d, int status = 200) {
  return json_response(detail_json(d, ctx.actor(), today(ctx)), status);
}

std::string when(std::optional<std::int64_t> ms) { return ms ? print::stamp(domain::from_millis(*ms)) : std::string(); }

print::RectificationForm form_of(Context& ctx, const service::RectificationDetail& d) {
  const auto& r = d.row;
  print::RectificationForm f;
  const auto kind = dr::kind_from(r.kind).value_or(dr::Kind::rectify);
  const int late = service::overdue_days(r, today(ctx));
  f.number = r.number;
  f.status_label = std::string(dr::status_label(dr::state_from(r.status).value_or(dr::State::issued), late)) +
                   (late > 0 ? "（逾期 " + std::to_string(late) + " 天）" : "");
  f.kind_label = dr::label(kind);
  f.deadline = r.deadline;
  f.recheck_by = r.recheck_by;
  f.basis = r.basis;
  f.issuer = r.issuer_name;
  f.issued_at = when(r.issued_at);
  f.registration_no = r.registration_no;
  f.project_name = r.project_name;
  f.district = r.district;
  f.general_name = r.general_name;
  f.supervision_name = r.supervision_name.value_or("");
  if (r.source_period) f.source = *r.source_period + " 抽查比对";
  std::map<std::int64_t, int> position;
  for (const auto& i : d.items) {
    position[i.id] = i.position;
    f.items.push_back({i.position, i.clause ? *i.clause + " " + i.clause_text.value_or("") : "—", i.problem,
                       i.passed_round ? "已销项（第 " + std::to_string(*i.passed_round) + " 轮）" : "待整改"});
  }
  std::map<int, std::vector<print::RectificationPhoto>> reply_photos;  // by round
  for (auto& [p, thumbnail] : service::rectification_thumbnails(ctx.app, d)) {
    print::RectificationPhoto photo{std::move(thumbnail), "第 " + std::to_string(position[p.item_id]) + " 项\n" +
                                                             service::photo_time(p.taken_at, domain::from_millis(p.uploaded_at)) + "\n" + p.uploader_name};
    (p.side == "issue" ? f.issue_photos : reply_photos[p.round]).push_back(std::move(photo));
  }
  for (const auto& rr : d.rounds) {
    if (!rr.replied_at) continue;
    print::RectificationForm::Round round;
    round.round = rr.round;
    round.deadline = rr.deadline;
    round.replied = rr.replied_by.value_or("") + " " + when(rr.replied_at);
    if (rr.confirm_agree)
      round.confirmation = std::string(*rr.confirm_agree ? "同意" : "不同意") +
                           (rr.confirm_opinion && !rr.confirm_opinion->empty() ? "：" + *rr.confirm_opinion : "") + "（" +
                           rr.confirmed_by.value_or("") + " " + when(rr.confirmed_at) + "）";
    if (rr.rechecked_at) round.rechecked = rr.rechecked_by.value_or("") + " " + when(rr.rechecked_at);
    for (const auto& x : d.replies) {
      if (x.round != rr.round) continue;
      std::string recheck;
      if (x.passed) recheck = *x.passed ? "通过" : "不通过" + (x.note && !x.note->empty() ? "：" + *x.note : std::string());
      round.replies.push_back({position[x.item_id], x.measure, recheck});
    }
    round.photos = std::move(reply_photos[rr.round]);
    f.rounds.push_back(std::move(round));
  }
  return f;
}

}  // namespace

http::Response list(Context& ctx) {
  const auto day = today(ctx);
  auto q = parse_query(ctx.req, day);
  auto page = service::list_rectifications(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& row : page.items) items.push_back(to_json(row, ctx.actor(), day));
  return json_response(page_json(std::move(items), page.total, Paging{q.page, q.page_size}));
}

http::Response export_xlsx(Context& ctx) {
  const auto day = today(ctx);
  auto q = parse_query(ctx.req, day);
  const std::vector<print::XlsxColumn> columns{{"指令单编号", 30}, {"报监编号", 16}, {"工程名称", 36}, {"所在区", 10}, {"施工总包", 30},
                                               {"整改类型", 10},   {"状态", 16},     {"整改期限", 12}, {"逾期天数", 10}, {"轮次", 6},
                                               {"问题项数", 8},    {"未销项", 8},    {"下发时间", 20}, {"销项时间", 20}};
  const auto status = dr::state_from(q.status);
  const auto kind_filter = dr::kind_from(q.kind);
  auto sheet = list_sheet(ctx, "整改指令单", columns, q, status ? std::string(dr::label(*status)) : q.status,
                          {{"整改类型", kind_filter ? std::string(dr::label(*kind_filter)) : q.kind},
                           {"逾期", q.overdue_on.empty() ? "" : "仅逾期"}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    service::each_rectification(ctx.app, ctx.actor(), q, [&](const store::RectificationRow& r) {
      const int late = service::overdue_days(r, day);
      add({r.number, r.registration_no, r.project_name, r.district, r.general_name,
           std::string(dr::label(dr::kind_from(r.kind).value_or(dr::Kind::rectify))),
           std::string(dr::status_label(dr::state_from(r.status).value_or(dr::State::issued), late)),
           print::date_cell(r.deadline), late > 0 ? print::count_cell(late) : print::XlsxCell{}, print::count_cell(r.round),
           print::count_cell(r.items_count), print::count_cell(r.open_items), print::time_cell(r.issued_at), print::time_cell(r.closed_at)});
    });
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"rectifications.xlsx\"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8C%87%E4%BB%A4%E5%8D%95.xlsx");
}

http::Response stats(Context& ctx) { return json_response(stats_json(service::rectification_stats(ctx.app, ctx.actor()))); }

http::Response create(Context& ctx) {
  auto req = parse_issue(ctx.body());
  return detail_response(ctx, service::issue_rectification(ctx.app, ctx.actor(), req), 201);
}

http::Response get(Context& ctx) { return detail_response(ctx, service::get_rectification(ctx.app, ctx.actor(), ctx.id("id"))); }

http::Response of_declaration(Context& ctx) {
  const auto day = today(ctx);
  boost::json::array items;
  for (const auto& r : service::declaration_rectifications(ctx.app, ctx.actor(), ctx.id("id"))) items.push_back(to_json(r, ctx.actor(), day));
  return json_response(boost::json::object{{"items", std::move(items)}});
}

http::Response reply(Context& ctx) {
  auto body = parse_reply(ctx.body());
  return detail_response(ctx, service::reply_rectification(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.items));
}

http::Response confirm(Context& ctx) {
  auto body = parse_confirm(ctx.body());
  return detail_response(ctx, service::confirm_rectification(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.agree, body.opinion));
}

http::Response recheck(Context& ctx) {
  auto body = parse_recheck(ctx.body());
  return detail_response(ctx, service::recheck_rectification(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.items, body.deadline));
}

http::Response add_photo(Context& ctx) {
  auto p = service::add_rectification_photo(ctx.app, ctx.actor(), ctx.id("id"), ctx.id("item"), ctx.req.header("content-type").value_or(""),
                                            ctx.req.body);
  return json_response(photo_json(p), 201);
}

http::Response photo(Context& ctx) {
  return photo_response(ctx.req, service::rectification_photo_image(ctx.app, ctx.actor(), ctx.id("id"), ctx.id("photo"), false));
}

http::Response thumbnail(Context& ctx) {
  return photo_response(ctx.req, service::rectification_photo_image(ctx.app, ctx.actor(), ctx.id("id"), ctx.id("photo"), true));
}

http::Response remove_photo(Context& ctx) {
  service::delete_rectification_photo(ctx.app, ctx.actor(), ctx.id("id"), ctx.id("photo"));
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

http::Response print(Context& ctx) {
  auto d = service::get_rectification(ctx.app, ctx.actor(), ctx.id("id"));
  const auto form = form_of(ctx, d);
  return printed_pdf(ctx, service::DocumentKind::rectification, d.row.id, d.row.version, "rectification-" + std::to_string(d.row.id) + ".pdf",
                     [&](const print::DocumentMark& mark) { return print::rectification_pdf(form, mark); });
}

}  // namespace qsm::api::rectifications
