// JSON of the overdue months' counts, shared by the overdue list and the authority's dashboard.
#pragma once
#include <boost/json/array.hpp>

#include "service/task_service.hpp"

namespace qsm::api::tasks {

boost::json::array districts_json(const service::OverdueCounts& c);    // [{district, count}]
boost::json::array enterprises_json(const service::OverdueCounts& c);  // [{uscc, name, count}]

}  // namespace qsm::api::tasks
