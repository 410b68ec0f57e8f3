// Dashboard SQL: composed only from the constants below and the declaration scope fragment.
#include "store/dashboard_store.hpp"

#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "store/spec_sql.hpp"

#include <algorithm>

namespace qsm::store {
namespace sql {

constexpr std::string_view kByStatus = "SELECT d.status, COUNT(*) FROM declarations d ";
constexpr std::string_view kByStatusTail = "GROUP BY d.status ORDER BY d.status";
constexpr std::string_view kManagement = "SELECT d.management_status, COUNT(*) FROM declarations d ";
constexpr std::string_view kManagementTail = "AND d.management_status IS NOT NULL GROUP BY d.management_status ORDER BY d.management_status";
// Each active project's latest reviewed score, as its row keeps it (V075, V076): for an authority one
// range of its index of management states.
constexpr std::string_view kLatestReviewed = "SELECT d.latest_review_score FROM declarations d ";
constexpr std::string_view kLatestReviewedTail = "AND d.latest_review_score IS NOT NULL";

// An authority's declarations by state from its counts (V040, V041), which hold its submitted ones.
constexpr std::string_view kAuthorityByStatus =
    "SELECT d.status, d.n FROM declaration_counts d WHERE d.authority_id = $1 AND d.n <> 0 ORDER BY d.status";
// Each quarter's latest conclusion (V069), counted by the quarter's copy of its authority (V077, V078),
// or the city's: the sum of every authority's and of the quarters without one.
constexpr std::string_view kGradesOfAuthority = "SELECT g.status, g.n FROM quarterly_grade_counts g WHERE g.authority_id = $1 AND g.n <> 0";
constexpr std::string_view kGradesOfCity = "SELECT g.status, SUM(g.n) FROM quarterly_grade_counts g WHERE $1 = 0 GROUP BY g.status";
constexpr std::string_view kTrendDeclarations = "SELECT ";
constexpr std::string_view kTrendDeclarationsFrom = "FROM declarations d ";
const std::string& trend_declarations_tail() {
  static const std::string text = under_management() + "ORDER BY d.updated_at DESC, d.id DESC LIMIT 10";
  return text;
}
// A trend's last 12 submitted months, newest first.
namespace dm = domain::monthly;
const std::string& trend_months() {
  static const std::string text = "SELECT m.period, m.self_score, m.review_score FROM monthly_evaluations m WHERE m.declaration_id = $1 AND m.status <> " +
                                  quoted(dm::to_string(dm::State::draft)) + " ORDER BY m.period DESC LIMIT 12";
  return text;
}

}  // namespace sql

DashboardStats dashboard_stats(Connection& c, const domain::Scope& scope, DashboardView view) {
  auto s = declaration_scope(scope);
  const auto where = std::string(s.where);
  DashboardStats out;
  if (view == DashboardView::trends) {
    c.run(std::string(sql::kTrendDeclarations) + std::string(kDeclarationRefColumns) + std::string(sql::kTrendDeclarationsFrom) + where +
              sql::trend_declarations_tail(),
          params(s.id), [&](Row& r) {
            Trend t;
            read_declaration_ref(r, 0, t.declaration);
            out.trends.push_back(std::move(t));
          });
    for (auto& t : out.trends) {
      c.run(sql::trend_months(), params(t.declaration.declaration_id),
            [&](Row& r) { t.points.push_back({r.text(0), r.integer(1), r.opt_integer(2)}); });
      std::reverse(t.points.begin(), t.points.end());
    }
    return out;
  }
  // A statement's (key, count) rows, in its order.
  auto counted = [&](const std::string& text, std::vector<std::pair<std::string, int>>& into) {
    c.run(text, params(s.id), [&](Row& r) { into.emplace_back(r.text(0), static_cast<int>(r.integer(1))); });
  };
  const bool authority = authority_scope(scope);
  counted(authority ? std::string(sql::kAuthorityByStatus) : std::string(sql::kByStatus) + where + std::string(sql::kByStatusTail),
          out.declarations_by_status);
  counted(std::string(sql::kManagement) + where + std::string(sql::kManagementTail), out.management);  // V069's index for an authority
  c.run(std::string(sql::kLatestReviewed) + where + under_management() + std::string(sql::kLatestReviewedTail), params(s.id),
        [&](Row& r) { out.latest_scores.push_back(r.integer(0)); });
  c.run(authority ? sql::kGradesOfAuthority : sql::kGradesOfCity, params(s.id),
        [&](Row& r) { out.quarter_grades[r.text(0)] = static_cast<int>(r.integer(1)); });
  return out;
}

}  // namespace qsm::store
