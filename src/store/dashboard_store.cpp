// Dashboard SQL: composed only from the constants below and the declaration scope fragment.
#include "store/dashboard_store.hpp"

#include <algorithm>

namespace qsm::store {
namespace sql {

constexpr std::string_view kByStatus = "SELECT d.status, COUNT(*) FROM declarations d ";
constexpr std::string_view kByStatusTail = "GROUP BY d.status ORDER BY d.status";
constexpr std::string_view kManagement = "SELECT d.management_status, COUNT(*) FROM declarations d ";
constexpr std::string_view kManagementTail = "AND d.management_status IS NOT NULL GROUP BY d.management_status ORDER BY d.management_status";
constexpr std::string_view kReviewed =
    "SELECT m.declaration_id, m.review_score FROM monthly_evaluations m JOIN declarations d ON d.id = m.declaration_id ";
constexpr std::string_view kReviewedTail =
    "AND d.management_status = 'active' AND m.status IN ('filed', 'registered') ORDER BY m.declaration_id, m.period";
constexpr std::string_view kGrades =
    "SELECT h.quarterly_id, h.conclusion FROM quarterly_registration_history h JOIN quarterly_registrations q ON q.id = h.quarterly_id "
    "JOIN declarations d ON d.id = q.declaration_id ";
constexpr std::string_view kGradesTail = "ORDER BY h.quarterly_id, h.registered_at, h.id";
constexpr std::string_view kTrendDeclarations = "SELECT ";
constexpr std::string_view kTrendDeclarationsFrom = "FROM declarations d ";
constexpr std::string_view kTrendDeclarationsTail = "AND d.management_status = 'active' ORDER BY d.updated_at DESC, d.id DESC LIMIT 10";
constexpr std::string_view kTrendMonths =
    "SELECT m.declaration_id, m.period, m.self_score, m.review_score FROM monthly_evaluations m "
    "JOIN declarations d ON d.id = m.declaration_id ";
constexpr std::string_view kTrendMonthsTail = "AND d.management_status = 'active' AND m.status <> 'draft' ORDER BY m.declaration_id, m.period";

}  // namespace sql

DashboardStats dashboard_stats(Connection& c, const domain::Scope& scope) {
  auto s = declaration_scope(scope);
  const auto where = std::string(s.where);
  DashboardStats out;
  auto counted = [&](std::string_view head, std::string_view tail, std::vector<std::pair<std::string, int>>& into) {
    c.run(std::string(head) + where + std::string(tail), params(s.id),
          [&](Row& r) { into.emplace_back(r.text(0), static_cast<int>(r.integer(1))); });
  };
  counted(sql::kByStatus, sql::kByStatusTail, out.declarations_by_status);
  counted(sql::kManagement, sql::kManagementTail, out.management);

  std::map<std::int64_t, std::int64_t> latest;
  c.run(std::string(sql::kReviewed) + where + std::string(sql::kReviewedTail), params(s.id), [&](Row& r) {
    if (auto v = r.opt_integer(1)) latest[r.integer(0)] = *v;
  });
  for (const auto& [id, score] : latest) out.latest_scores.push_back(score);

  std::map<std::int64_t, std::string> grades;
  c.run(std::string(sql::kGrades) + where + std::string(sql::kGradesTail), params(s.id), [&](Row& r) { grades[r.integer(0)] = r.text(1); });
  for (const auto& [id, grade] : grades) ++out.quarter_grades[grade];

  std::map<std::int64_t, std::size_t> index;
  c.run(std::string(sql::kTrendDeclarations) + std::string(kDeclarationRefColumns) + std::string(sql::kTrendDeclarationsFrom) +
            std::string(kDeclarationRefJoins) + where + std::string(sql::kTrendDeclarationsTail),
        params(s.id), [&](Row& r) {
          Trend t;
          read_declaration_ref(r, 0, t.declaration);
          index[t.declaration.declaration_id] = out.trends.size();
          out.trends.push_back(std::move(t));
        });
  if (!index.empty())
    c.run(std::string(sql::kTrendMonths) + where + std::string(sql::kTrendMonthsTail), params(s.id), [&](Row& r) {
      auto it = index.find(r.integer(0));
      if (it == index.end()) return;
      auto& points = out.trends[it->second].points;
      points.push_back({r.text(1), r.integer(2), r.opt_integer(3)});
      if (points.size() > 12) points.erase(points.begin());
    });
  return out;
}

}  // namespace qsm::store
