// GET /api/dashboard — the role's 统计看板: open items and overdue months for everyone; score trends of
// the caller's active projects for enterprises and site users; counts by state, the score
// distribution, quarter grades and overdue months by district and enterprise for the authority (and
// the administrator, over everything).
#include <boost/json.hpp>

#include "api/declarations/codec.hpp"
#include "api/handlers.hpp"
#include "api/tasks/codec.hpp"
#include "api/values.hpp"
#include "domain/grade.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "service/task_service.hpp"
#include "service/queries.hpp"

namespace qsm::api::dashboard {

http::Response get(Context& ctx) {
  const auto& actor = ctx.actor();
  auto box = service::inbox(ctx.app, actor, {.page_size = 0});
  auto late = service::overdue_months(ctx.app, actor);
  boost::json::object by_kind;
  for (const auto& [kind, n] : box.counts) by_kind[kind] = n;
  boost::json::object out{{"role", domain::to_string(actor.role)},
                          {"open", boost::json::object{{"total", box.total}, {"by_kind", std::move(by_kind)}}},
                          {"overdue", late.size()}};
  const bool supervision = actor.role == domain::Role::authority || actor.role == domain::Role::admin;
  const auto view = supervision ? store::DashboardView::supervision : store::DashboardView::trends;
  auto stats = service::query::dashboard(ctx.app, ctx.actor(), view);
  if (!supervision) {
    boost::json::array trends;
    for (const auto& t : stats.trends) {
      boost::json::array points;
      for (const auto& p : t.points)
        points.push_back(boost::json::object{{"period", p.period}, {"self_score", score_json(p.self_score)}, {"review_score", score_json(p.review_score)}});
      trends.push_back(boost::json::object{{"declaration", declarations::ref_json(t.declaration)}, {"points", std::move(points)}});
    }
    out["trends"] = std::move(trends);
    return json_response(out);
  }
  boost::json::array statuses, management, distribution, grades;
  for (const auto& [status, n] : stats.declarations_by_status)
    statuses.push_back(boost::json::object{{"status", status}, {"label", domain::declaration::state_label(status)}, {"count", n}});
  for (const auto& [status, n] : stats.management)
    management.push_back(boost::json::object{{"status", status}, {"label", domain::management::status_label(status)}, {"count", n}});
  // Each active project's latest reviewed score, in five bands.
  const auto counts = domain::count_by_band(stats.latest_scores);
  for (std::size_t i = 0; i < counts.size(); ++i)
    distribution.push_back(boost::json::object{{"range", domain::kScoreBands[i].range}, {"count", counts[i]}});
  for (auto g : {domain::Grade::excellent, domain::Grade::qualified, domain::Grade::unqualified}) {
    int n = 0;
    if (auto it = stats.quarter_grades.find(std::string(domain::to_string(g))); it != stats.quarter_grades.end()) n = it->second;
    grades.push_back(boost::json::object{{"grade", domain::to_string(g)}, {"label", domain::label(g)}, {"count", n}});
  }
  service::OverdueCounts overdue;
  for (const auto& o : late) overdue.add(o);
  out["declarations_by_status"] = std::move(statuses);
  out["management"] = std::move(management);
  out["score_distribution"] = std::move(distribution);
  out["quarter_grades"] = std::move(grades);
  out["overdue_by_district"] = tasks::districts_json(overdue);
  out["overdue_by_enterprise"] = tasks::enterprises_json(overdue);
  return json_response(out);
}

}  // namespace qsm::api::dashboard
