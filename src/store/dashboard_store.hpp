// The figures of the 统计看板, each one grouped query over the caller's declaration scope.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct TrendPoint {
  std::string period;
  std::int64_t self_score = 0;  // hundredths
  std::optional<std::int64_t> review_score;
};
struct Trend {
  DeclarationRef declaration;
  std::vector<TrendPoint> points;  // the last 12 submitted months, oldest first
};

struct DashboardStats {
  std::vector<Trend> trends;                                        // up to 10 active projects, most recently updated first
  std::vector<std::pair<std::string, int>> declarations_by_status;  // status → count
  std::vector<std::pair<std::string, int>> management;              // management status → count
  std::vector<std::int64_t> latest_scores;                          // each active project's latest reviewed score
  std::map<std::string, int> quarter_grades;                        // each quarter's latest conclusion → count
};
// What a dashboard shows: the supervision view (states, scores, grades) to authorities and the
// administrator, the trends of the caller's projects to enterprises and site users.
enum class DashboardView { supervision, trends };
DashboardStats dashboard_stats(Connection& c, const domain::Scope& scope, DashboardView view);

}  // namespace qsm::store
