// Rectification order JSON (issue 24): the order in lists and in full (items, rounds, replies, photos,
// the caller's actions and photo sides), the statistics, and the parsing of bodies and the query form.
#pragma once
#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "service/rectification_service.hpp"

namespace qsm::api::rectifications {

boost::json::object to_json(const store::RectificationRow& r, const domain::Actor& viewer, domain::Date today);
boost::json::object detail_json(const service::RectificationDetail& d, const domain::Actor& viewer, domain::Date today);
boost::json::object photo_json(const store::RectificationPhotoRow& p);
boost::json::object stats_json(const store::RectificationStats& s);

service::IssueRequest parse_issue(const boost::json::value& body);
struct ReplyBody {
  std::int64_t version = 0;
  std::vector<service::ReplyItem> items;
};
ReplyBody parse_reply(const boost::json::value& body);
struct ConfirmBody {
  std::int64_t version = 0;
  bool agree = true;
  std::string opinion;
};
ConfirmBody parse_confirm(const boost::json::value& body);
struct RecheckBody {
  std::int64_t version = 0;
  std::vector<service::RecheckItem> items;
  std::optional<std::string> deadline;
};
RecheckBody parse_recheck(const boost::json::value& body);
// The list's query form (status, overdue, district, kind, q, paging, sort); `today` for overdue=true.
store::RectificationQuery parse_query(const http::Request& req, domain::Date today);

}  // namespace qsm::api::rectifications
