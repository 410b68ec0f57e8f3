// The setup steps of a password login, in order.
#include "domain/account_policy.hpp"

#include <array>

namespace qsm::domain {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

constexpr std::array<std::string_view, 4> kSetupCodes{"", "second_factor", "change_password", "enrol_second_factor"};

bool expired(const AccountPolicy& p, const AccountSecurity& a, std::int64_t now_ms) {
  auto until = password_expires_at(p, a.password_changed_at);
  return until && now_ms >= *until;
}

}  // namespace

std::string_view to_string(Setup s) { return kSetupCodes[static_cast<std::size_t>(s)]; }

std::optional<Setup> setup_from(std::string_view s) {
  for (std::size_t i = 0; i < kSetupCodes.size(); ++i)
    if (kSetupCodes[i] == s) return static_cast<Setup>(i);
  return std::nullopt;
}

std::optional<std::int64_t> password_expires_at(const AccountPolicy& p, std::int64_t changed_at_ms) {
  if (p.password_max_age_days <= 0) return std::nullopt;
  return changed_at_ms + p.password_max_age_days * kDayMs;
}

bool password_expiry_warning(const AccountPolicy& p, std::int64_t changed_at_ms, std::int64_t now_ms) {
  auto until = password_expires_at(p, changed_at_ms);
  return until && now_ms < *until && now_ms >= *until - p.password_warning_days * kDayMs;
}

Setup next_setup(const AccountPolicy& p, const AccountSecurity& a, Setup done, std::int64_t now_ms) {
  // Each step is looked at only after the ones before it are done.
  if (done == Setup::none && a.factor_enrolled) return Setup::second_factor;
  if ((done == Setup::none || done == Setup::second_factor) && (a.must_change_password || expired(p, a, now_ms)))
    return Setup::change_password;
  if (done != Setup::enrol_second_factor && p.second_factor_required && !a.factor_enrolled) return Setup::enrol_second_factor;
  return Setup::none;
}

std::string_view login_method_label(std::string_view m) {
  if (m == "password") return "账号密码";
  if (m == "certificate") return "企业数字证书";
  if (m == "sms") return "短信验证码";
  if (m == "second_factor") return "动态口令";
  if (m == "logout") return "退出登录";
  return m;
}

}  // namespace qsm::domain
