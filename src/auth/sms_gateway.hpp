// How one-time codes reach phones: the outbox (default; messages kept in the database and shown by
// `qsm sms-outbox`) or an HTTP gateway that receives {mobile, text, purpose} as JSON.
#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "store/db.hpp"

namespace qsm::auth {

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Throws std::runtime_error when the message could not be handed over.
  virtual void send(store::Database& db, const std::string& mobile, const std::string& text, const std::string& purpose) = 0;
  virtual std::string name() const = 0;
};

std::unique_ptr<SmsGateway> outbox_gateway();
// POSTs JSON to url with a per-attempt timeout, retrying (3 attempts, backoff) on failure or 5xx.
std::unique_ptr<SmsGateway> http_gateway(std::string url, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
                                         int attempts = 3);

}  // namespace qsm::auth
