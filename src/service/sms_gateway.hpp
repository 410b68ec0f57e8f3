// How one-time codes reach phones: the outbox (default; messages kept in the database and shown by
// `qsm sms-outbox`) or an HTTP gateway that receives {mobile, text, purpose} as JSON.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "store/db.hpp"

namespace qsm::service {

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Hands the message over: the outbox stores it at once (throwing std::runtime_error when it
  // cannot); the HTTP gateway queues it and delivers in the background, so how long a receiver
  // takes, or whether it fails, never shows in the answer of the request that sent it.
  virtual void send(store::Database& db, const std::string& mobile, const std::string& text, const std::string& purpose) = 0;
  virtual std::string name() const = 0;
  // False while deliveries fail (the last one failed less than a while ago): new code requests are
  // then refused for everybody alike, until the receiver is tried again.
  virtual bool available() const { return true; }
};

std::unique_ptr<SmsGateway> outbox_gateway();

// POSTs one JSON body to the URL and gives the answer's HTTP status; throws std::runtime_error on a
// connection failure or timeout. The server passes http::post_json: the service layer speaks no HTTP.
using PostJson = std::function<int(const std::string& url, const std::string& body, std::chrono::milliseconds timeout)>;
// POSTs JSON to url with a per-attempt timeout, retrying (3 attempts, backoff) on failure or 5xx, from
// one background thread (at most 1,000 messages waiting; more are dropped with a warning).
std::unique_ptr<SmsGateway> http_gateway(std::string url, PostJson post, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
                                         int attempts = 3);

}  // namespace qsm::service
