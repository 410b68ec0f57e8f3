// Monthly evaluation JSON codec.
#include "api/monthly/codec.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>

#include "api/declarations/codec.hpp"
#include "api/photos.hpp"
#include "api/values.hpp"
#include "domain/clerk.hpp"
#include "domain/period.hpp"
#include "domain/scoring/sheet_json.hpp"
#include "domain/spot_check.hpp"
#include "domain/json_input.hpp"

namespace qsm::api::monthly {
namespace {

namespace dm = domain::monthly;

// A sheet has at most one deduction per clause; templates have ≤ a few hundred clauses.
constexpr std::size_t kMaxDeductions = 1000;
constexpr std::size_t kMaxNotApplicable = 100;

constexpr auto when = instant_json;
constexpr auto score = score_json;

// A sheet with its photos: by clause, and with each deduction of its result.
boost::json::object sheet_json(const std::string& input, const std::string& result, bool saved, bool frozen, const service::PhotosByClause& photos) {
  auto o = boost::json::parse(input).as_object();
  o["saved"] = saved;
  o["frozen"] = frozen;
  auto r = boost::json::parse(result);
  if (auto* deductions = r.is_object() ? r.as_object().if_contains("deductions") : nullptr; deductions && deductions->is_array())
    for (auto& d : deductions->as_array()) {
      auto* clause = d.is_object() ? d.as_object().if_contains("clause") : nullptr;
      auto it = clause && clause->is_string() ? photos.find(std::string(clause->as_string())) : photos.end();
      d.as_object()["photos"] = it == photos.end() ? boost::json::array{} : photo_refs_json(it->second);
    }
  o["result"] = std::move(r);
  o["photos"] = photos_by_clause_json(photos);
  return o;
}

}  // namespace

boost::json::object to_json(const store::MonthlyRow& m, const domain::Actor& viewer) {
  auto state = dm::state_from(m.status).value_or(dm::State::draft);
  boost::json::array actions;
  if (domain::acts_in(viewer, domain::Permission::monthly_write))
    for (auto a : dm::available(state, viewer.role)) actions.push_back(boost::json::string(dm::to_string(a)));
  boost::json::object o{
      {"id", m.id},
      {"version", m.version},
      {"period", m.period},
      {"status", m.status},
      {"status_label", dm::label(state)},
      {"declaration", declarations::ref_json(m)},
      {"template", boost::json::object{{"code", m.template_code}, {"version", m.template_version}}},
      {"self_score", score(m.self_score)},
      {"review_score", score(m.review_score)},
      {"created_at", when(m.created_at)},
      {"submitted_at", when(m.submitted_at)},
      {"reviewed_at", when(m.reviewed_at)},
      {"filed_at", when(m.filed_at)},
      {"updated_at", when(m.updated_at)},
      {"actions", std::move(actions)},
  };
  // The spot-check is the authority's own record.
  if (viewer.role == domain::Role::authority)
    o["spot_check"] = m.spot_check_id ? boost::json::value(boost::json::object{
                                            {"id", *m.spot_check_id},
                                            {"status", *m.spot_check_status},
                                            {"status_label", domain::spot_check::state_label(*m.spot_check_status)}})
                                      : boost::json::value(nullptr);
  return o;
}

boost::json::object list_json(const store::MonthlyRow& m, const domain::Actor& viewer, domain::Date today,
                              const domain::overdue::Deadlines& deadlines) {
  auto o = to_json(m, viewer);
  namespace od = domain::overdue;
  const auto month = domain::YearMonth::parse(m.period);
  namespace mg = domain::management;
  o["overdue"] = overdue_json(mg::status_from(m.management_status.value_or("")) == mg::Status::active && month
                                   ? od::lateness(*month, dm::state_from(m.status), domain::shanghai_date_of(m.submitted_at), today, deadlines)
                                   : od::Late{});
  return o;
}

boost::json::object detail_json(const service::MonthlyDetail& detail, const domain::Actor& viewer) {
  const auto& m = detail.month;
  const auto& photos = detail.photos;
  auto o = to_json(m, viewer);
  auto state = dm::state_from(m.status).value_or(dm::State::draft);
  const bool filed = state == dm::State::filed || state == dm::State::registered;
  o["self"] = sheet_json(m.self_sheet, m.self_result, true, state != dm::State::draft, photos.self);
  if (m.review_sheet)
    o["review"] = sheet_json(*m.review_sheet, *m.review_result, true, filed, photos.review);
  else if (state == dm::State::draft)
    o["review"] = nullptr;
  else  // the review starts as a copy of the self sheet, with photos of its own
    o["review"] = sheet_json(m.self_sheet, m.self_result, false, false, photos.review);
  // Whoever may edit a sheet gets the clauses' earlier deductions, so the page scores ticks at once.
  if (detail.history) {
    boost::json::object history;
    for (const auto& [clause, count] : *detail.history) history[clause] = count;
    o["history"] = std::move(history);
  }
  return o;
}

SheetBody parse_sheet(const boost::json::value& body, bool preview) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version", "not_applicable", "deductions"});
  SheetBody out;
  out.version = r.integer("version", 1, std::numeric_limits<std::int64_t>::max(), !preview).value_or(0);
  // A save replaces the whole sheet: a body without it (a client fault, a cut-off form) must not
  // erase a month's assessment. A preview may leave either out.
  if (!preview)
    for (const char* key : {"not_applicable", "deductions"})
      if (!r.field(key)) problems.add(std::string("$.") + key, "缺少此项：保存时须提交整张打分表（没有则为 []）");
  if (const auto* na = r.field("not_applicable")) {
    if (!na->is_array() || na->as_array().size() > kMaxNotApplicable)
      problems.add("$.not_applicable", "应为检查项目编号的数组");
    else
      for (std::size_t i = 0; i < na->as_array().size(); ++i) {
        const auto& v = na->as_array()[i];
        if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 40)
          problems.add("$.not_applicable[" + std::to_string(i) + "]", "应为检查项目编号");
        else if (!out.input.not_applicable.insert(std::string(v.as_string())).second)
          problems.add("$.not_applicable[" + std::to_string(i) + "]", "检查项目重复");
      }
  }
  if (const auto* ds = r.field("deductions")) {
    if (!ds->is_array() || ds->as_array().size() > kMaxDeductions) {
      problems.add("$.deductions", "应为扣分条文的数组");
    } else {
      for (std::size_t i = 0; i < ds->as_array().size(); ++i) {
        json::FieldReader d(ds->as_array()[i], "$.deductions[" + std::to_string(i) + "]", problems);
        d.reject_unknown({"clause", "problem"});
        auto clause = d.text("clause", {.max = 40});
        // An empty problem is the engine's to judge: required when saving, tolerated in a preview.
        auto problem = d.text("problem", {.max = 500, .required = false, .multiline = true});
        if (clause) out.input.deductions.push_back({*clause, problem.value_or("")});
      }
    }
  }
  problems.throw_if_any("打分表内容有误，请按提示修改");
  return out;
}

store::MonthlyQuery parse_query(const http::Request& req) {
  domain::Problems problems;
  store::MonthlyQuery q;
  read_list_query(
      req, problems, q, [](std::string_view s) { return dm::state_from(s).has_value(); }, store::valid_monthly_sort,
      "-period、period、-updated_at、registration_no、status");
  for (auto [key, out] : {std::pair{"period_from", &q.period_from}, std::pair{"period_to", &q.period_to}}) {
    auto v = req.query_param(key);
    if (!v || v->empty()) continue;
    if (!domain::YearMonth::parse(*v)) problems.add(key, "评价期间应为 YYYY-MM，例如 2026-03");
    *out = *v;
  }
  problems.throw_if_any("查询条件有误");
  return q;
}

}  // namespace qsm::api::monthly
