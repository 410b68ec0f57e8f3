// Photo evidence in answers (issue 23): one photo, and a sheet's or spot-check's photos by clause.
#pragma once
#include <boost/json/object.hpp>

#include "service/photo_service.hpp"

namespace qsm::api {

// The upload's answer: {id, url, thumbnail_url, width, height, bytes, sha256, taken_at, uploaded_by, uploaded_at}.
boost::json::object photo_json(const store::PhotoRow& p);
// As listed with a record: {id, url, thumbnail_url, taken_at, uploaded_by, uploaded_at}.
boost::json::object photo_ref_json(const store::PhotoRow& p);
boost::json::array photo_refs_json(const std::vector<store::PhotoRow>& photos);
// {clause: [ref…]}.
boost::json::object photos_by_clause_json(const service::PhotosByClause& photos);

}  // namespace qsm::api
