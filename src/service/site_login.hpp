// The two logins without passwords: site users (real-name registry + SMS one-time code, then a
// contract) and enterprises (a verified X.509 certificate whose subject carries the USCC).
#pragma once
#include <string>
#include <vector>

#include "service/app.hpp"
#include "crypto/certificate.hpp"
#include "service/auth_service.hpp"
#include "store/identity_store.hpp"

namespace qsm::service {

inline constexpr auto kCodeValidity = std::chrono::minutes(5);
inline constexpr auto kResendInterval = std::chrono::seconds(60);
inline constexpr int kCodesPerDay = 10;
inline constexpr int kCodeAttempts = 5;

// The answer to a code request: the same whether the name and number belong to a project manager or not.
struct CodeSent {
  int resend_after = 60, expires_in = 300;
};

// role: site_contractor (施工总包项目负责人) or site_supervisor (监理项目负责人).
CodeSent send_login_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                         const std::string& ip);
Login login_with_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                      const std::string& code, const std::string& ip);
std::vector<store::PersonContract> session_contracts(app::App& app, const Session& s, const std::string& report_no);
void choose_contract(app::App& app, const Session& s, std::int64_t contract_id);

// An enterprise login with the certificate the API read from the request; refused, with the reason
// in the login log, when it is absent, unverified or names no registered enterprise.
Login login_with_certificate(app::App& app, const crypto::PeerCertificate& cert, const std::string& ip);

}  // namespace qsm::service
