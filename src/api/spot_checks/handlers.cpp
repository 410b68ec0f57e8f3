// GET/PUT /api/monthly/{id}/spot-check — 抽查比对 of one monthly evaluation: the clauses side by side
// (self-sheet, review sheet, the authority's finding) with the agreement rates; and the analytics
// GET /api/spot-checks/analytics(.xlsx) — per construction and supervision enterprise.
#include <boost/json.hpp>
#include <limits>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/photos.hpp"
#include "api/values.hpp"
#include "domain/workflow/monthly.hpp"
#include "api/print_views.hpp"
#include "print/spot_check_form.hpp"
#include "api/exports.hpp"
#include "print/xlsx.hpp"
#include "service/spot_check_service.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::spot_checks {
namespace {

namespace ds = domain::spot_check;

constexpr std::size_t kMaxFindings = 2000;  // a template has a few hundred clauses

boost::json::value sheet_side(const domain::scoring::Deduction* d) {
  return boost::json::object{{"deducted", d != nullptr}, {"problem", d ? boost::json::value(d->problem) : nullptr}};
}

boost::json::value agreement_json(const std::optional<ds::Agreement>& a) {
  if (!a) return nullptr;
  return boost::json::object{{"agree", a->agree}, {"rate", score_json(a->rate.hundredths())}};
}

boost::json::object view_json(const service::SpotCheckView& v, domain::Role role) {
  const auto cmp = ds::compare(*v.tmpl, v.self, v.review, v.findings);
  static const std::vector<store::PhotoRow> kNone;
  auto photos_of = [&](const std::string& clause) -> const std::vector<store::PhotoRow>& {
    auto it = v.photos.find(clause);
    return it == v.photos.end() ? kNone : it->second;
  };
  // Check items → sub-items → clauses, in template order (the comparison's order).
  boost::json::array items;
  const domain::scoring::CheckItem* item = nullptr;
  const domain::scoring::SubItem* sub = nullptr;
  for (const auto& c : cmp.clauses) {
    if (c.item != item) {
      item = c.item;
      items.push_back(boost::json::object{{"code", item->code},
                                          {"name", item->name},
                                          {"self_not_applicable", v.self.not_applicable.count(item->code) > 0},
                                          {"review_not_applicable", v.review ? boost::json::value(v.review->not_applicable.count(item->code) > 0) : nullptr},
                                          {"sub_items", boost::json::array{}}});
    }
    auto& subs = items.back().as_object()["sub_items"].as_array();
    if (c.sub_item != sub) {
      sub = c.sub_item;
      subs.push_back(boost::json::object{{"code", sub->code}, {"name", sub->name}, {"clauses", boost::json::array{}}});
    }
    auto review_agrees = c.review_agrees();
    subs.back().as_object()["clauses"].as_array().push_back(boost::json::object{
        {"code", c.clause->code},
        {"text", c.clause->text},
        {"self", sheet_side(c.self)},
        {"review", c.review_exists ? sheet_side(c.review) : boost::json::value(nullptr)},
        {"authority", boost::json::object{{"conforms", c.authority.conforms}, {"note", c.authority.note}}},
        {"self_agrees", c.self_agrees()},
        {"review_agrees", review_agrees ? boost::json::value(*review_agrees) : nullptr},
        {"photos", photo_refs_json(photos_of(c.clause->code))}});
  }
  boost::json::value spot_check = nullptr;
  boost::json::array actions;
  if (v.row) {
    spot_check = boost::json::object{{"id", v.row->id},
                                     {"version", v.row->version},
                                     {"status", v.row->status},
                                     {"status_label", ds::state_label(v.row->status)},
                                     {"inspector", v.row->inspector},
                                     {"created_at", instant_json(v.row->created_at)},
                                     {"updated_at", instant_json(v.row->updated_at)},
                                     {"finished_at", instant_json(v.row->finished_at)}};
  }
    // What the authority may do now, from the spec (a month without a record is checked as in progress).
  for (auto a : ds::kSpec.available(v.row ? *ds::state_from(v.row->status) : ds::State::in_progress, role))
    actions.emplace_back(ds::kSpec.code(a));
  const auto& m = v.monthly;
  return boost::json::object{
      {"monthly", boost::json::object{{"id", m.id},
                                      {"period", m.period},
                                      {"status", m.status},
                                      {"status_label", domain::monthly::state_label(m.status)},
                                      {"self_score", score_json(m.self_score)},
                                      {"review_score", score_json(m.review_score)},
                                      {"declaration", declarations::ref_json(m)}}},
      {"spot_check", std::move(spot_check)},
      {"items", std::move(items)},
      {"agreement", boost::json::object{{"clauses", cmp.clauses.size()}, {"self", agreement_json(cmp.self)}, {"review", agreement_json(cmp.review)}}},
      {"actions", std::move(actions)}};
}

struct SaveBody {
  std::int64_t version = 0;
  std::vector<ds::Finding> findings;
  bool finished = false;
};

SaveBody parse_save(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "findings", "finished"});
  SaveBody out;
  out.version = r.integer("version", 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
  out.finished = r.boolean("finished").value_or(false);
  const auto* list = r.field("findings");
  if (!list || !list->is_array()) {
    if (r.ok()) problems.add("$.findings", "应为数组");
  } else if (list->as_array().size() > kMaxFindings) {
    problems.add("$.findings", "最多 " + std::to_string(kMaxFindings) + " 条");
  } else {
    std::size_t i = 0;
    for (const auto& v : list->as_array()) {
      json::FieldReader f(v, "$.findings[" + std::to_string(i++) + "]", problems);
      f.reject_unknown({"clause", "conforms", "note"});
      auto clause = f.text("clause", {.max = 50});
      auto conforms = f.boolean("conforms");
      auto note = f.text("note", {.max = 500, .required = false, .multiline = true});
      if (clause && conforms) out.findings.push_back({*clause, *conforms, note.value_or("")});
    }
  }
  problems.throw_if_any("抽查记录有误，请按提示修改");
  return out;
}

// ?threshold=&period_from=&period_to= of the analytics.
std::pair<store::AgreementQuery, domain::Points> parse_analytics(Context& ctx) {
  domain::Problems problems;
  store::AgreementQuery q;
  auto threshold = ctx.app.tuned().agreement_threshold;
  if (auto v = ctx.req.query_param("threshold"); v && !v->empty()) {
    auto p = domain::Points::percent_from_text(*v);
    if (!p)
      problems.add("threshold", "应为 0–100 的百分比（最多两位小数）");
    else
      threshold = *p;
  }
  for (auto [key, out] : {std::pair{"period_from", &q.period_from}, std::pair{"period_to", &q.period_to}}) {
    auto v = ctx.req.query_param(key);
    if (!v || v->empty()) continue;
    if (!domain::YearMonth::parse(*v)) problems.add(key, "评价期间应为 YYYY-MM，例如 2026-03");
    *out = *v;
  }
  problems.throw_if_any("查询条件有误");
  return {q, threshold};
}

boost::json::array enterprises_json(const std::vector<service::EnterpriseAgreementRow>& rows) {
  boost::json::array out;
  for (const auto& r : rows) {
    boost::json::array disputed;
    for (const auto& d : r.agreement.disputed) disputed.push_back(boost::json::object{{"clause", d.clause}, {"text", d.text}, {"count", d.count}});
    out.push_back(boost::json::object{{"enterprise", boost::json::object{{"uscc", r.uscc}, {"name", r.name}}},
                                      {"spot_checks", r.agreement.spot_checks},
                                      {"mean_agreement", score_json(r.agreement.mean.hundredths())},
                                      {"low", r.agreement.low},
                                      {"disputed", std::move(disputed)}});
  }
  return out;
}

}  // namespace

http::Response get(Context& ctx) { return json_response(view_json(service::get_spot_check(ctx.app, ctx.actor(), ctx.id("id")), ctx.actor().role)); }

http::Response save(Context& ctx) {
  auto body = parse_save(ctx.body());
  return json_response(view_json(service::save_spot_check(ctx.app, ctx.actor(), ctx.id("id"), body.version, body.findings, body.finished), ctx.actor().role));
}

http::Response print(Context& ctx) {
  auto v = service::get_spot_check(ctx.app, ctx.actor(), ctx.id("id"));
  const auto cmp = ds::compare(*v.tmpl, v.self, v.review, v.findings);
  std::vector<print::PrintedPhoto> photos;
  for (auto& [p, thumbnail] : service::sheet_thumbnails(ctx.app, ctx.actor(), v.monthly, service::PhotoTarget::spot_check))
    photos.push_back(photo_print(p, std::move(thumbnail)));
  print::SpotCheckForm form{monthly_form(v.monthly), v.row ? std::string(ds::state_label(v.row->status)) : std::string("未开始"),
                            v.row ? v.row->inspector : ctx.actor().name};
  return printed_pdf(ctx, service::DocumentKind::spot_check, v.monthly.id, v.monthly.version,
                     "spot-check-" + v.monthly.registration_no + "-" + v.monthly.period + ".pdf",
                     [&](const print::DocumentMark& mark) { return print::spot_check_pdf(form, cmp, photos, mark); });
}

http::Response analytics(Context& ctx) {
  auto [q, threshold] = parse_analytics(ctx);
  auto a = service::agreement_analytics(ctx.app, ctx.actor(), q, threshold);
  return json_response(boost::json::object{{"threshold", score_json(a.threshold.hundredths())},
                                           {"spot_checks", a.spot_checks},
                                           {"contractors", enterprises_json(a.contractors)},
                                           {"supervisors", enterprises_json(a.supervisors)}});
}

http::Response analytics_xlsx(Context& ctx) {
  auto [q, threshold] = parse_analytics(ctx);
  auto a = service::agreement_analytics(ctx.app, ctx.actor(), q, threshold);
  const std::vector<print::XlsxColumn> columns{{"类型", 10}, {"企业名称", 36}, {"统一社会信用代码", 22}, {"抽查次数", 10},
                                               {"平均符合率（%）", 14}, {"低于阈值", 10}, {"常见不一致条文", 50}};
  auto sheet = list_sheet(ctx, "抽查比对分析", columns, store::ListQuery{}, "",
                          {{"评价期间", range_text(q.period_from, q.period_to)}, {"阈值", a.threshold.to_string() + "%"}});
  auto bytes = print::write_xlsx(sheet, [&](const auto& add) {
    for (bool supervisors : {false, true})
      for (const auto& r : supervisors ? a.supervisors : a.contractors) {
        std::string disputed;
        for (const auto& d : r.agreement.disputed)
          disputed += (disputed.empty() ? "" : "；") + d.clause + " " + d.text + "（" + std::to_string(d.count) + " 次）";
        add({supervisors ? "监理企业" : "施工企业", r.name, r.uscc, print::count_cell(r.agreement.spot_checks),
             print::score_cell(r.agreement.mean.hundredths()), r.agreement.low ? "是" : "否", disputed});
      }
  });
  return file_response(std::move(bytes), kXlsxType,
                       "attachment; filename=\"spot-check-analytics.xlsx\"; filename*=UTF-8''%E6%8A%BD%E6%9F%A5%E6%AF%94%E5%AF%B9%E5%88%86%E6%9E%90.xlsx");
}

}  // namespace qsm::api::spot_checks
