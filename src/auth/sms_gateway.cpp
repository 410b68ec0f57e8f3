// SMS gateways.
#include "auth/sms_gateway.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <thread>

#include "domain/checksum.hpp"
#include "http/client.hpp"
#include "store/identity_store.hpp"
#include "util/json.hpp"

namespace qsm::auth {
namespace {

class Outbox final : public SmsGateway {
 public:
  void send(store::Database& db, const std::string& mobile, const std::string& text, const std::string& purpose) override {
    db.write([&](store::Connection& c) { store::insert_outbox(c, mobile, text, purpose); });
  }
  std::string name() const override { return "outbox"; }
};

class HttpGateway final : public SmsGateway {
 public:
  HttpGateway(std::string url, std::chrono::milliseconds timeout, int attempts)
      : url_(std::move(url)), timeout_(timeout), attempts_(attempts) {}

  void send(store::Database&, const std::string& mobile, const std::string& text, const std::string& purpose) override {
    std::string body = json::serialize(boost::json::object{{"mobile", mobile}, {"text", text}, {"purpose", purpose}});
    std::string last_error;
    for (int attempt = 1; attempt <= attempts_; ++attempt) {
      try {
        auto res = http::post_json(url_, body, timeout_);
        if (res.status >= 200 && res.status < 300) return;
        last_error = "HTTP " + std::to_string(res.status);
        if (res.status < 500) break;  // the gateway refused the message itself: retrying won't help
      } catch (const std::exception& e) {
        last_error = e.what();
      }
      spdlog::warn("sms gateway attempt {}/{} to {} failed: {}", attempt, attempts_, domain::mask_mobile(mobile), last_error);
      if (attempt < attempts_) std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt * attempt));
    }
    throw std::runtime_error("短信网关发送失败：" + last_error);
  }
  std::string name() const override { return "http"; }

 private:
  std::string url_;
  std::chrono::milliseconds timeout_;
  int attempts_;
};

}  // namespace

std::unique_ptr<SmsGateway> outbox_gateway() { return std::make_unique<Outbox>(); }
std::unique_ptr<SmsGateway> http_gateway(std::string url, std::chrono::milliseconds timeout, int attempts) {
  return std::make_unique<HttpGateway>(std::move(url), timeout, attempts);
}

}  // namespace qsm::auth
