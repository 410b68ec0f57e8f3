// Photo evidence in answers (issue 23): one photo, and a sheet's or spot-check's photos by clause.
#pragma once
#include <boost/json/object.hpp>

#include "http/message.hpp"
#include "service/photo_service.hpp"

namespace qsm::api {

// An image with its strong ETag (the SHA-256 of the bytes), kept privately for a year; 304 on If-None-Match.
http::Response photo_response(const http::Request& req, service::PhotoImage img);
// {id, url, thumbnail_url (url + "/thumbnail"), taken_at, uploaded_by, uploaded_at} of any photo.
boost::json::object photo_ref_json(std::int64_t id, const std::string& url, const std::optional<std::string>& taken_at, const std::string& uploader,
                                   std::int64_t uploaded_at);
// The upload's answer: {id, url, thumbnail_url, width, height, bytes, sha256, taken_at, uploaded_by, uploaded_at}.
boost::json::object photo_json(const store::PhotoRow& p);
// As listed with a record: {id, url, thumbnail_url, taken_at, uploaded_by, uploaded_at}.
boost::json::object photo_ref_json(const store::PhotoRow& p);
boost::json::array photo_refs_json(const std::vector<store::PhotoRow>& photos);
// {clause: [ref…]}.
boost::json::object photos_by_clause_json(const service::PhotosByClause& photos);

}  // namespace qsm::api
