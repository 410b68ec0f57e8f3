// SMS gateways.
#include "service/sms_gateway.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "domain/checksum.hpp"
#include "store/identity_store.hpp"
#include "util/json.hpp"

namespace qsm::service {
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
  HttpGateway(std::string url, PostJson post, std::chrono::milliseconds timeout, int attempts)
      : url_(std::move(url)), post_(std::move(post)), timeout_(timeout), attempts_(attempts), worker_([this] { run(); }) {}
  ~HttpGateway() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    worker_.join();
  }

  void send(store::Database&, const std::string& mobile, const std::string& text, const std::string& purpose) override {
    {
      std::lock_guard lock(mutex_);
      if (queue_.size() >= kMaxWaiting) {
        spdlog::warn("sms gateway: {} messages waiting, the one to {} is dropped", queue_.size(), domain::mask_mobile(mobile));
        return;
      }
      queue_.push_back(Message{mobile, json::serialize(boost::json::object{{"mobile", mobile}, {"text", text}, {"purpose", purpose}})});
    }
    wake_.notify_one();
  }
  std::string name() const override { return "http"; }
  bool available() const override {
    std::lock_guard lock(mutex_);
    return !failed_at_ || std::chrono::steady_clock::now() - *failed_at_ > kRetryAfterFailure;
  }

 private:
  static constexpr std::size_t kMaxWaiting = 1000;
  static constexpr auto kRetryAfterFailure = std::chrono::seconds(30);
  struct Message {
    std::string mobile, body;
  };

  void run() {
    for (;;) {
      Message m;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, nothing left
        m = std::move(queue_.front());
        queue_.pop_front();
      }
      const bool delivered = deliver(m);
      std::lock_guard lock(mutex_);
      if (delivered)
        failed_at_.reset();
      else
        failed_at_ = std::chrono::steady_clock::now();
    }
  }

  bool deliver(const Message& m) {
    std::string last_error;
    for (int attempt = 1; attempt <= attempts_; ++attempt) {
      try {
        const int status = post_(url_, m.body, timeout_);
        if (status >= 200 && status < 300) return true;
        last_error = "HTTP " + std::to_string(status);
        if (status < 500) break;  // the gateway refused the message itself: retrying won't help
      } catch (const std::exception& e) {
        last_error = e.what();
      }
      spdlog::warn("sms gateway attempt {}/{} to {} failed: {}", attempt, attempts_, domain::mask_mobile(m.mobile), last_error);
      if (attempt < attempts_) std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt * attempt));
    }
    spdlog::error("sms gateway: the message to {} was not delivered: {}", domain::mask_mobile(m.mobile), last_error);
    return false;
  }

  std::string url_;
  PostJson post_;
  std::chrono::milliseconds timeout_;
  int attempts_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Message> queue_;
  std::optional<std::chrono::steady_clock::time_point> failed_at_;
  bool stopping_ = false;
  std::thread worker_;  // last: started once everything it uses exists
};

}  // namespace

std::unique_ptr<SmsGateway> outbox_gateway() { return std::make_unique<Outbox>(); }
std::unique_ptr<SmsGateway> http_gateway(std::string url, PostJson post, std::chrono::milliseconds timeout, int attempts) {
  return std::make_unique<HttpGateway>(std::move(url), std::move(post), timeout, attempts);
}

}  // namespace qsm::service
