// Quarterly registration JSON: the record (score, suggested grade, latest registration, the
// caller's actions), its months and registration history, and the parsing of a registration.
#pragma once
#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "service/quarterly_service.hpp"

namespace qsm::api::quarterly {

boost::json::object to_json(const store::QuarterlyRow& q, const domain::Actor& viewer, const domain::GradeThresholds& grades);
boost::json::object detail_json(const service::QuarterlyDetail& d, const domain::Actor& viewer, const domain::GradeThresholds& grades);
boost::json::object registration_json(const store::RegistrationRecord& r);

// {version, inspection_date, inspectors, opinion, conclusion}: every problem in one 422.
service::RegistrationInput parse_registration(const boost::json::value& body);
store::QuarterlyQuery parse_query(const http::Request& req);

}  // namespace qsm::api::quarterly
