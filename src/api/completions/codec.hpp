// Completion evaluation JSON: the record (score, suggested grade, review, registration, the
// caller's actions), its months and quarters, the applicability check, and the parsing of bodies.
#pragma once
#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "service/completion_service.hpp"

namespace qsm::api::completions {

boost::json::object to_json(const store::CompletionRow& c, const domain::Actor& viewer, const domain::GradeThresholds& grades);
boost::json::object detail_json(const service::CompletionDetail& d, const domain::Actor& viewer, const domain::GradeThresholds& grades);
boost::json::object check_json(const service::CompletionCheck& k);

// {completion_date, acceptance_info, self_assessment} (+ version when `with_version`).
store::CompletionFields parse_fields(const boost::json::value& body, bool with_version, std::int64_t* version);
struct ReviewBody {
  std::int64_t version = 0;
  bool agree = true;
  std::string opinion;
};
ReviewBody parse_review(const boost::json::value& body);
struct RegisterBody {
  std::int64_t version = 0;
  std::string opinion;
  domain::Grade conclusion = domain::Grade::qualified;
};
RegisterBody parse_register(const boost::json::value& body);
store::ListQuery parse_query(const http::Request& req);

}  // namespace qsm::api::completions
