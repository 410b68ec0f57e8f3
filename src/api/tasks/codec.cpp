// Overdue counts JSON.
#include "api/tasks/codec.hpp"

#include <boost/json.hpp>

namespace qsm::api::tasks {

boost::json::array districts_json(const service::OverdueCounts& c) {
  boost::json::array out;
  for (const auto& [district, n] : c.by_district) out.push_back(boost::json::object{{"district", district}, {"count", n}});
  return out;
}

boost::json::array enterprises_json(const service::OverdueCounts& c) {
  boost::json::array out;
  for (const auto& [uscc, e] : c.by_enterprise) out.push_back(boost::json::object{{"uscc", uscc}, {"name", e.first}, {"count", e.second}});
  return out;
}

}  // namespace qsm::api::tasks
