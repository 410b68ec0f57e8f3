// Request and response as the API layer sees them: no Beast, no Asio, so handlers compile fast.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/certificate.hpp"

namespace qsm::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // raw target incl. query
  std::string path;    // decoded path
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string client_ip;  // the client's address: the TCP peer, or what a trusted proxy says it is
  std::string peer_ip;    // the TCP peer itself (a proxy's own address when there is one)
  std::string request_id;
  bool tls = false;
  crypto::PeerCertificate peer;  // the client certificate of the TLS handshake

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Written no earlier than this (the server waits without holding a worker): answers whose timing
  // must not tell one case from another, such as the logins' refusals.
  std::chrono::steady_clock::time_point not_before{};
  // False: never kept in the server's answer cache (a read that is itself recorded, like the auditor's).
  bool keepable = true;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace qsm::http
