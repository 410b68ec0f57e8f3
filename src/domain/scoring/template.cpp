// Template parsing and the SPEC §6 rules: scores add up, codes unique, at most two decimals.
#include "domain/scoring/template.hpp"

#include <boost/json.hpp>
#include <map>

#include "domain/json_input.hpp"

namespace qsm::domain::scoring {
namespace {

using json::FieldReader;

bool valid_code(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-'))
      return false;
  return true;
}

std::optional<Points> read_score(FieldReader& r, std::string_view key, const std::string& path, Problems& problems) {
  const auto* v = r.field(key);
  if (!v) {
    if (r.ok()) problems.add(path + "." + std::string(key), "必填");
    return std::nullopt;
  }
  auto p = Points::from_json(*v);
  if (!p) {
    problems.add(path + "." + std::string(key), "应为最多两位小数的数");
    return std::nullopt;
  }
  if (p->hundredths() <= 0 || *p > kTotalStandardScore) {
    problems.add(path + "." + std::string(key), "应大于 0 且不超过 100");
    return std::nullopt;
  }
  return p;
}

const boost::json::array* read_list(FieldReader& r, std::string_view key, const std::string& path, Problems& problems,
                                    std::string_view what) {
  const auto* v = r.field(key);
  if (!v) {
    if (r.ok()) problems.add(path + "." + std::string(key), "必填");
    return nullptr;
  }
  if (!v->is_array() || v->get_array().empty()) {
    problems.add(path + "." + std::string(key), "应为非空数组（至少一个" + std::string(what) + "）");
    return nullptr;
  }
  return &v->get_array();
}

}  // namespace

std::size_t Template::sub_item_count() const {
  std::size_t n = 0;
  for (const auto& c : check_items) n += c.sub_items.size();
  return n;
}

std::size_t Template::clause_count() const {
  std::size_t n = 0;
  for (const auto& c : check_items)
    for (const auto& s : c.sub_items) n += s.clauses.size();
  return n;
}

const Clause* Template::find_clause(std::string_view code) const {
  for (const auto& c : check_items)
    for (const auto& s : c.sub_items)
      for (const auto& clause : s.clauses)
        if (clause.code == code) return &clause;
  return nullptr;
}

ParsedTemplate parse_template(const boost::json::value& root) {
  ParsedTemplate out;
  Problems& problems = out.problems;
  Template& t = out.tmpl;
  FieldReader r(root, "$", problems);
  r.reject_unknown({"code", "version", "name", "check_items"});
  auto code = r.text("code", {.max = 20});
  if (code && !valid_code(*code)) problems.add("$.code", "编码只能包含字母、数字、.、-");
  auto version = r.integer("version", 1, 1'000'000);
  auto name = r.text("name", {.max = 100});
  t.code = code.value_or("");
  t.version = version.value_or(0);
  t.name = name.value_or("");

  std::map<std::string, std::string> codes;  // code → first path
  auto unique = [&](const std::string& c, const std::string& path) {
    auto [it, inserted] = codes.emplace(c, path);
    if (!inserted) problems.add(path, "编码 " + c + " 重复（首次出现于 " + it->second + "）");
  };

  Points total;
  bool sums_known = true;
  const auto* items = read_list(r, "check_items", "$", problems, "检查项目");
  if (!items) sums_known = false;
  for (std::size_t i = 0; items && i < items->size(); ++i) {
    std::string ipath = "$.check_items[" + std::to_string(i) + "]";
    FieldReader ir((*items)[i], ipath, problems);
    ir.reject_unknown({"code", "name", "standard_score", "sub_items"});
    CheckItem item;
    item.code = ir.text("code", {.max = 20}).value_or("");
    item.name = ir.text("name", {.max = 100}).value_or("");
    if (!item.code.empty()) {
      if (!valid_code(item.code)) problems.add(ipath + ".code", "编码只能包含字母、数字、.、-");
      unique(item.code, ipath + ".code");
    }
    auto standard = read_score(ir, "standard_score", ipath, problems);
    if (standard) item.standard_score = *standard, total += *standard;
    else sums_known = false;

    Points sub_total;
    bool sub_known = standard.has_value();
    const auto* subs = read_list(ir, "sub_items", ipath, problems, "分项");
    if (!subs) sub_known = false;
    for (std::size_t j = 0; subs && j < subs->size(); ++j) {
      std::string spath = ipath + ".sub_items[" + std::to_string(j) + "]";
      FieldReader sr((*subs)[j], spath, problems);
      sr.reject_unknown({"code", "name", "score", "clauses"});
      SubItem sub;
      sub.code = sr.text("code", {.max = 20}).value_or("");
      sub.name = sr.text("name", {.max = 100}).value_or("");
      if (!sub.code.empty()) {
        if (!valid_code(sub.code)) problems.add(spath + ".code", "编码只能包含字母、数字、.、-");
        unique(sub.code, spath + ".code");
      }
      auto score = read_score(sr, "score", spath, problems);
      if (score) sub.score = *score, sub_total += *score;
      else sub_known = false;
      const auto* clauses = read_list(sr, "clauses", spath, problems, "条文");
      for (std::size_t k = 0; clauses && k < clauses->size(); ++k) {
        std::string cpath = spath + ".clauses[" + std::to_string(k) + "]";
        FieldReader cr((*clauses)[k], cpath, problems);
        cr.reject_unknown({"code", "text"});
        Clause clause;
        clause.code = cr.text("code", {.max = 20}).value_or("");
        clause.text = cr.text("text", {.max = 500}).value_or("");
        if (!clause.code.empty()) {
          if (!valid_code(clause.code)) problems.add(cpath + ".code", "编码只能包含字母、数字、.、-");
          unique(clause.code, cpath + ".code");
        }
        sub.clauses.push_back(std::move(clause));
      }
      item.sub_items.push_back(std::move(sub));
    }
    if (sub_known && sub_total != item.standard_score)
      problems.add(ipath + ".sub_items", "分项得分之和 " + sub_total.to_string() + " 应等于标准分 " + item.standard_score.to_string());
    t.check_items.push_back(std::move(item));
  }
  if (sums_known && total != kTotalStandardScore)
    problems.add("$.check_items", "检查项目标准分之和为 " + total.to_string() + "，应为 100");
  return out;
}

boost::json::value to_json(const Template& t) {
  boost::json::array items;
  for (const auto& c : t.check_items) {
    boost::json::array subs;
    for (const auto& s : c.sub_items) {
      boost::json::array clauses;
      for (const auto& cl : s.clauses) clauses.push_back(boost::json::object{{"code", cl.code}, {"text", cl.text}});
      subs.push_back(boost::json::object{{"code", s.code}, {"name", s.name}, {"score", s.score.to_double()}, {"clauses", std::move(clauses)}});
    }
    items.push_back(boost::json::object{{"code", c.code},
                                        {"name", c.name},
                                        {"standard_score", c.standard_score.to_double()},
                                        {"sub_items", std::move(subs)}});
  }
  return boost::json::object{{"code", t.code}, {"version", t.version}, {"name", t.name}, {"check_items", std::move(items)}};
}

}  // namespace qsm::domain::scoring
