// Rectification order JSON codec.
#include "api/rectifications/codec.hpp"

#include <boost/json.hpp>
#include <limits>
#include <map>

#include "api/declarations/codec.hpp"
#include "api/photos.hpp"
#include "api/values.hpp"
#include "domain/clerk.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::rectifications {
namespace {

namespace dr = domain::rectification;

constexpr std::size_t kMaxBodyItems = 50;
// Not required here: the service reports an empty problem beside the other problems of the body.
constexpr json::TextRule kProblem{.max = 2000, .required = false, .multiline = true};

std::string url_of(const store::RectificationPhotoRow& p) {
  return "/api/rectifications/" + std::to_string(p.rectification_id) + "/photos/" + std::to_string(p.id);
}

boost::json::object photo_ref(const store::RectificationPhotoRow& p) {
  auto o = photo_ref_json(p.id, url_of(p), p.taken_at, p.uploader_name, p.uploaded_at);
  o["side"] = p.side;
  o["round"] = p.round;
  return o;
}

// Reads the array field `key` of objects with `read(reader, index)`; at most kMaxBodyItems.
template <class Read>
void each_object(json::FieldReader& r, domain::Problems& problems, std::string_view key, bool required, Read read) {
  const auto* list = r.field(key);
  const std::string path = "$." + std::string(key);
  if (!list || list->is_null()) {
    if (required && r.ok()) problems.add(path, "应为数组");
    return;
  }
  if (!list->is_array()) return problems.add(path, "应为数组");
  if (list->as_array().size() > kMaxBodyItems) return problems.add(path, "最多 " + std::to_string(kMaxBodyItems) + " 项");
  std::size_t i = 0;
  for (const auto& v : list->as_array()) {
    json::FieldReader f(v, path + "[" + std::to_string(i) + "]", problems);
    read(f);
    ++i;
  }
}

}  // namespace

boost::json::object photo_json(const store::RectificationPhotoRow& p) {
  auto o = photo_ref(p);
  o["width"] = p.width;
  o["height"] = p.height;
  o["bytes"] = p.original_bytes;
  o["sha256"] = p.original_sha256;
  o["item"] = p.item_id;
  return o;
}

boost::json::object to_json(const store::RectificationRow& r, const domain::Actor& viewer, domain::Date today) {
  const auto state = dr::state_from(r.status).value_or(dr::State::issued);
  const auto kind = dr::kind_from(r.kind).value_or(dr::Kind::rectify);
  const int late = service::overdue_days(r, today);
  boost::json::array actions, sides;
  if (domain::acts_in(viewer, domain::Permission::rectification_write))
    for (auto a : dr::available(state, viewer.role)) actions.push_back(boost::json::string(dr::to_string(a)));
  if (auto side = dr::photo_side(state, r.round, r.ever_replied, viewer.role)) sides.push_back(boost::json::string(dr::to_string(*side)));
  auto ref = declarations::ref_json(r);
  boost::json::value source = nullptr;
  if (r.source_monthly_id)
    source = boost::json::object{{"spot_check", *r.source_monthly_id}, {"period", text_json(r.source_period)}};
  return boost::json::object{{"id", r.id},
                             {"number", r.number},
                             {"status", r.status},
                             {"status_label", dr::status_label(state, late)},
                             {"kind", r.kind},
                             {"kind_label", dr::label(kind)},
                             {"version", r.version},
                             {"round", r.round},
                             {"deadline", r.deadline},
                             {"overdue", late > 0},
                             {"overdue_days", late},
                             {"recheck_by", r.recheck_by},
                             {"basis", r.basis},
                             {"declaration", std::move(ref)},
                             {"source", std::move(source)},
                             {"issued_by", r.issuer_name},
                             {"issued_at", instant_json(r.issued_at)},
                             {"updated_at", instant_json(r.updated_at)},
                             {"closed_at", instant_json(r.closed_at)},
                             {"items_count", r.items_count},
                             {"open_items", r.open_items},
                             {"actions", std::move(actions)},
                             {"photo_sides", std::move(sides)}};
}

boost::json::object detail_json(const service::RectificationDetail& d, const domain::Actor& viewer, domain::Date today) {
  auto o = to_json(d.row, viewer, today);
  std::map<std::int64_t, std::vector<const store::RectificationReplyRow*>> replies;
  for (const auto& r : d.replies) replies[r.item_id].push_back(&r);
  std::map<std::int64_t, boost::json::array> issue_photos, reply_photos;
  for (const auto& p : d.photos) (p.side == "issue" ? issue_photos : reply_photos)[p.item_id].push_back(photo_ref(p));
  boost::json::array items;
  for (const auto& i : d.items) {
    boost::json::value measure = nullptr, note = nullptr;
    boost::json::array history;
    for (const auto* r : replies[i.id]) {
      history.push_back(boost::json::object{{"round", r->round},
                                            {"measure", r->measure},
                                            {"passed", r->passed ? boost::json::value(*r->passed) : nullptr},
                                            {"note", text_json(r->note)}});
      if (r->round == d.row.round) measure = boost::json::string(r->measure);
      if (r->note && !r->note->empty()) note = boost::json::string(*r->note);
    }
    const bool open = !i.passed_round;
    items.push_back(boost::json::object{{"id", i.id},
                                        {"position", i.position},
                                        {"clause", text_json(i.clause)},
                                        {"clause_text", text_json(i.clause_text)},
                                        {"problem", i.problem},
                                        {"status", open ? "open" : "passed"},
                                        {"status_label", open ? "待整改" : "已销项"},
                                        {"passed_round", i.passed_round ? boost::json::value(*i.passed_round) : nullptr},
                                        {"measure", std::move(measure)},
                                        {"note", std::move(note)},
                                        {"photos", std::move(issue_photos[i.id])},
                                        {"reply_photos", std::move(reply_photos[i.id])},
                                        {"history", std::move(history)}});
  }
  o["items"] = std::move(items);
  boost::json::array rounds;
  for (const auto& r : d.rounds)
    rounds.push_back(boost::json::object{{"round", r.round},
                                         {"deadline", r.deadline},
                                         {"replied_at", instant_json(r.replied_at)},
                                         {"replied_by", text_json(r.replied_by)},
                                         {"confirm_agree", r.confirm_agree ? boost::json::value(*r.confirm_agree) : nullptr},
                                         {"confirm_opinion", text_json(r.confirm_opinion)},
                                         {"confirmed_by", text_json(r.confirmed_by)},
                                         {"confirmed_at", instant_json(r.confirmed_at)},
                                         {"rechecked_at", instant_json(r.rechecked_at)},
                                         {"rechecked_by", text_json(r.rechecked_by)}});
  o["rounds"] = std::move(rounds);
  return o;
}

boost::json::object stats_json(const store::RectificationStats& s) {
  const auto counts = [](boost::json::object o, const store::RectificationCounts& c) {
    o["open"] = c.open;
    o["overdue"] = c.overdue;
    o["closed"] = c.closed;
    o["closed_this_month"] = c.closed_this_month;
    return o;
  };
  boost::json::array districts, enterprises, clauses;
  for (const auto& g : s.by_district) districts.push_back(counts(boost::json::object{{"district", g.key}}, g.counts));
  for (const auto& g : s.by_enterprise) enterprises.push_back(counts(boost::json::object{{"uscc", g.key}, {"name", g.name}}, g.counts));
  for (const auto& c : s.top_clauses) clauses.push_back(boost::json::object{{"clause", c.clause}, {"clause_text", c.clause_text}, {"count", c.count}});
  auto o = counts(boost::json::object{}, s.total);
  // Days from issue to 销项, one decimal; null before the first order is closed.
  if (s.total.closed > 0)
    o["mean_days_to_close"] = static_cast<double>(s.total.close_ms_total / s.total.closed / 8640000) / 10.0;
  else
    o["mean_days_to_close"] = nullptr;
  o["by_district"] = std::move(districts);
  o["by_enterprise"] = std::move(enterprises);
  o["top_clauses"] = std::move(clauses);
  return o;
}

service::IssueRequest parse_issue(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"declaration_id", "kind", "deadline", "recheck_by", "basis", "source", "items"});
  service::IssueRequest out;
  out.declaration_id = r.integer("declaration_id", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
  out.kind = r.text("kind", {.max = 20}).value_or("");
  out.deadline = r.text("deadline", {.max = 10}).value_or("");
  out.recheck_by = r.text("recheck_by", {.max = 50, .required = false}).value_or("");
  out.basis = r.text("basis", {.max = 2000, .required = false, .multiline = true}).value_or("");
  if (const auto* source = r.field("source"); source && !source->is_null()) {
    json::FieldReader s(*source, "$.source", problems);
    s.reject_unknown({"spot_check"});
    if (s.ok()) out.spot_check = s.integer("spot_check", 1, std::numeric_limits<std::int64_t>::max());
  }
  each_object(r, problems, "items", false, [&](json::FieldReader& f) {
    f.reject_unknown({"clause", "problem"});
    service::IssueItem item;
    item.clause = f.text("clause", {.max = 50, .required = false});
    item.problem = f.text("problem", kProblem).value_or("");
    out.items.push_back(std::move(item));
  });
  problems.throw_if_any("整改指令单内容有误，请按提示修改");
  return out;
}

ReplyBody parse_reply(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "items"});
  ReplyBody out;
  out.version = read_version(r);
  each_object(r, problems, "items", true, [&](json::FieldReader& f) {
    f.reject_unknown({"id", "measure"});
    service::ReplyItem item;
    item.id = f.integer("id", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
    item.measure = f.text("measure", {.max = 2000, .required = false, .multiline = true}).value_or("");
    out.items.push_back(std::move(item));
  });
  problems.throw_if_any("整改回复有误，请按提示修改");
  return out;
}

ConfirmBody parse_confirm(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "agree", "opinion"});
  ConfirmBody out;
  out.version = read_version(r);
  out.agree = r.boolean("agree").value_or(true);
  out.opinion = r.text("opinion", {.max = 2000, .required = false, .multiline = true}).value_or("");
  problems.throw_if_any("确认内容有误，请按提示修改");
  return out;
}

RecheckBody parse_recheck(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "items", "deadline"});
  RecheckBody out;
  out.version = read_version(r);
  out.deadline = r.text("deadline", {.max = 10, .required = false});
  each_object(r, problems, "items", true, [&](json::FieldReader& f) {
    f.reject_unknown({"id", "passed", "note"});
    service::RecheckItem item;
    item.id = f.integer("id", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
    item.passed = f.boolean("passed").value_or(false);
    item.note = f.text("note", {.max = 500, .required = false, .multiline = true}).value_or("");
    out.items.push_back(std::move(item));
  });
  problems.throw_if_any("复查内容有误，请按提示修改");
  return out;
}

store::RectificationQuery parse_query(const http::Request& req, domain::Date today) {
  domain::Problems problems;
  store::RectificationQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dr::state_from(s).has_value(); }, store::valid_rectification_sort,
      "-issued_at、deadline、number、-updated_at");
  if (auto v = req.query_param("kind"); v && !v->empty()) {
    if (!dr::kind_from(*v)) problems.add("kind", "可选 rectify（限期整改）、stop_work（停工整改）");
    q.kind = *v;
  }
  if (auto v = req.query_param("overdue"); v && !v->empty()) {
    if (*v != "true" && *v != "false") problems.add("overdue", "应为 true 或 false");
    if (*v == "true") q.overdue_on = domain::format_date(today);
  }
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::rectifications
