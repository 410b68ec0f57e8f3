// The process-wide context handed to services and handlers: database, secret, clock, settings.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret.hpp"
#include "auth/sms_gateway.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::app {

// Wall clock, or a fixed instant from QSM_NOW for tests and demos.
class Clock {
 public:
  static Clock from_environment();
  static Clock at(domain::Instant t) {
    Clock c;
    c.fixed_ = t;
    return c;
  }
  domain::Instant now() const;
  bool fixed() const { return fixed_.has_value(); }

 private:
  std::optional<domain::Instant> fixed_;
};

struct Settings {
  std::string certificate_field = "serialNumber";
  std::vector<std::string> trusted_proxies;  // CIDRs
  std::string proxy_cert_header = "x-ssl-client-cert";
  std::string client_ca;  // for verifying proxy-forwarded certificates
};

struct App {
  std::shared_ptr<store::Database> db;
  auth::Secret secret;
  Clock clock;
  Settings settings;
  std::shared_ptr<auth::SmsGateway> sms = auth::outbox_gateway();
};

// "sqlite:data/qsm.db" → "data/qsm.secret"; PostgreSQL → "data/qsm.secret" unless given.
std::string default_secret_path(const std::string& db_url);
// Opens the database, migrates it and loads the secret.
App open_app(const std::string& db_url, const std::string& secret_path);

}  // namespace qsm::app
