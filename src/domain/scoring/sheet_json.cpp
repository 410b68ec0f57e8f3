// Sheet JSON. Amounts are JSON numbers of their exact decimal value (1.275, 88.24).
#include "domain/scoring/sheet_json.hpp"

#include <boost/json.hpp>
#include <cmath>

namespace qsm::domain::scoring {
namespace {

double number(Milli m) { return m.to_double(); }
Milli milli(const boost::json::value& v) { return {std::llround(v.to_number<double>() * 1000.0)}; }
std::string text(const boost::json::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

}  // namespace

boost::json::object to_json(const SheetInput& in) {
  boost::json::array na, ded;
  for (const auto& c : in.not_applicable) na.push_back(boost::json::string(c));
  for (const auto& d : in.deductions) ded.push_back(boost::json::object{{"clause", d.clause}, {"problem", d.problem}});
  return {{"not_applicable", std::move(na)}, {"deductions", std::move(ded)}};
}

boost::json::object to_json(const SheetResult& r) {
  boost::json::array items, ded;
  for (const auto& i : r.items)
    items.push_back(boost::json::object{{"code", i.code},
                                        {"name", i.name},
                                        {"not_applicable", i.not_applicable},
                                        {"standard", number(i.standard)},
                                        {"deducted", number(i.deducted)},
                                        {"actual", number(i.actual)}});
  for (const auto& d : r.deductions)
    ded.push_back(boost::json::object{{"clause", d.clause},
                                      {"sub_item", d.sub_item},
                                      {"check_item", d.check_item},
                                      {"problem", d.problem},
                                      {"n", d.n},
                                      {"points", number(d.points)}});
  return {{"score", r.score.to_double()},
          {"possible", number(r.possible)},
          {"actual", number(r.actual)},
          {"items", std::move(items)},
          {"deductions", std::move(ded)}};
}

SheetInput sheet_input_from_json(const boost::json::value& v) {
  const auto& o = v.as_object();
  SheetInput in;
  for (const auto& c : o.at("not_applicable").as_array()) in.not_applicable.insert(std::string(c.as_string()));
  for (const auto& d : o.at("deductions").as_array())
    in.deductions.push_back({text(d.as_object(), "clause"), text(d.as_object(), "problem")});
  return in;
}

SheetResult sheet_result_from_json(const boost::json::value& v) {
  const auto& o = v.as_object();
  SheetResult r;
  r.score = Points::from_hundredths(std::llround(o.at("score").to_number<double>() * 100.0));
  r.possible = milli(o.at("possible"));
  r.actual = milli(o.at("actual"));
  for (const auto& iv : o.at("items").as_array()) {
    const auto& i = iv.as_object();
    r.items.push_back({text(i, "code"), text(i, "name"), i.at("not_applicable").as_bool(), milli(i.at("standard")),
                       milli(i.at("deducted")), milli(i.at("actual"))});
  }
  for (const auto& dv : o.at("deductions").as_array()) {
    const auto& d = dv.as_object();
    r.deductions.push_back({text(d, "clause"), text(d, "sub_item"), text(d, "check_item"), text(d, "problem"),
                            static_cast<int>(d.at("n").to_number<std::int64_t>()), milli(d.at("points"))});
  }
  return r;
}

}  // namespace qsm::domain::scoring
