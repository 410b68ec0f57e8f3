// Shared JSON values.
#include "api/values.hpp"

#include <limits>

#include "domain/account_policy.hpp"
#include "domain/points.hpp"
#include "domain/time.hpp"

namespace qsm::api {

boost::json::value instant_json(std::optional<std::int64_t> ms) {
  if (!ms) return nullptr;
  return boost::json::string(domain::format_instant(domain::from_millis(*ms)));
}

boost::json::value text_json(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return boost::json::string(*s);
}

boost::json::value score_json(std::optional<std::int64_t> hundredths) {
  if (!hundredths) return nullptr;
  return domain::Points::from_hundredths(*hundredths).to_double();
}

void put_score(boost::json::object& o, std::optional<std::int64_t> hundredths, const domain::GradeThresholds& t) {
  o["score"] = score_json(hundredths);
  if (!hundredths) {
    o["grade"] = nullptr;
    o["grade_label"] = nullptr;
    return;
  }
  auto g = domain::grade_of(domain::Points::from_hundredths(*hundredths), t);
  o["grade"] = domain::to_string(g);
  o["grade_label"] = domain::label(g);
}

void put_conclusion(boost::json::object& o, const std::optional<std::string>& code) {
  auto g = code ? domain::grade_from(*code) : std::nullopt;
  o["conclusion"] = text_json(code);
  o["conclusion_label"] = g ? boost::json::value(domain::label(*g)) : nullptr;
}

std::int64_t read_version(json::FieldReader& r) {
  return r.integer("version", 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
}

std::int64_t parse_version(const boost::json::value& body) {
  domain::Problems problems;
  json::FieldReader r(body, "$", problems);
  r.reject_unknown({"version"});
  auto v = read_version(r);
  problems.throw_if_any("请求内容有误");
  return v;
}

std::optional<domain::Grade> read_conclusion(json::FieldReader& r, domain::Problems& problems) {
  auto code = r.text("conclusion", {.max = 20});
  if (!code) return std::nullopt;
  auto g = domain::grade_from(*code);
  if (!g) problems.add(r.path_of("conclusion"), "结论应为 excellent（优良）、qualified（合格）或 unqualified（不合格）");
  return g;
}

boost::json::value overdue_json(const domain::overdue::Late& l) {
  namespace od = domain::overdue;
  if (l.what == od::Lateness::none) return nullptr;
  return boost::json::object{{"lateness", od::to_string(l.what)}, {"label", od::label(l.what)}, {"deadline", domain::format_date(l.due)}};
}

std::string instant_text(std::int64_t ms) { return ms ? domain::format_instant(domain::from_millis(ms)) : std::string(); }

std::string_view login_method_label(std::string_view m) { return domain::login_method_label(m); }

}  // namespace qsm::api
