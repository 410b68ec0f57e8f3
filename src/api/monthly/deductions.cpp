// GET /api/declarations/{id}/deductions — 历史扣分记录: every deduction of every month, with the
// template's names and clause texts.
#include <boost/json.hpp>
#include <unordered_map>

#include "api/handlers.hpp"
#include "api/monthly/codec.hpp"

namespace qsm::api::monthly {

http::Response deductions(Context& ctx) {
  auto h = service::deduction_history(ctx.app, ctx.actor(), ctx.id("id"));
  std::unordered_map<std::string, std::string> names;  // item, sub-item and clause code → name or text
  if (h.tmpl)
    for (const auto& item : h.tmpl->check_items) {
      names[item.code] = item.name;
      for (const auto& sub : item.sub_items) {
        names[sub.code] = sub.name;
        for (const auto& clause : sub.clauses) names[clause.code] = clause.text;
      }
    }
  boost::json::array items;
  for (const auto& d : h.items)
    items.push_back(boost::json::object{{"period", d.period},
                                        {"monthly_id", d.monthly_id},
                                        {"sheet", d.sheet},
                                        {"sheet_label", domain::monthly::sheet_label(d.sheet)},
                                        {"check_item", d.check_item},
                                        {"check_item_name", names[d.check_item]},
                                        {"sub_item", d.sub_item},
                                        {"sub_item_name", names[d.sub_item]},
                                        {"clause", d.clause},
                                        {"clause_text", names[d.clause]},
                                        {"n", d.n},
                                        {"points", domain::scoring::Milli{d.points_milli}.to_double()},
                                        {"problem", d.problem}});
  auto total = static_cast<std::int64_t>(items.size());
  return json_response(boost::json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace qsm::api::monthly
