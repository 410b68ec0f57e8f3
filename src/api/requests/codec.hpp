// Management request JSON (中止/恢复 and 终止): the record with its review, registration and the
// caller's actions, the suspension intervals, and the parsing of bodies and list queries.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <span>

#include "api/context.hpp"
#include "service/request_service.hpp"

namespace qsm::api::requests {

boost::json::object to_json(const store::RequestRow& r, const domain::Actor& viewer);
boost::json::array intervals_json(std::span<const domain::management::Interval> iv);
// {items, intervals} of a declaration's suspension history.
boost::json::object history_json(const service::SuspensionHistory& h, const domain::Actor& viewer);

struct SuspensionBody {
  domain::management::Kind kind = domain::management::Kind::suspend;
  std::string reason, date;
};
SuspensionBody parse_suspension(const boost::json::value& body);
std::string parse_termination(const boost::json::value& body);  // the reason
// {version, opinion?} of review and register (withdraw takes parse_version).
struct StepBody {
  std::int64_t version = 0;
  std::string opinion;
};
StepBody parse_step(const boost::json::value& body);
store::RequestQuery parse_query(const http::Request& req, store::RequestFamily f);

}  // namespace qsm::api::requests
