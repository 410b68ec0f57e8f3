// A small blocking HTTP/1.1 client (Beast) for outgoing calls such as the SMS gateway.
#pragma once
#include <chrono>
#include <string>

namespace qsm::http {

struct ClientResponse {
  int status = 0;
  std::string body;
};

// POSTs a JSON body to an http:// URL; throws std::runtime_error on connection failure or timeout.
ClientResponse post_json(const std::string& url, const std::string& body, std::chrono::milliseconds timeout);

}  // namespace qsm::http
