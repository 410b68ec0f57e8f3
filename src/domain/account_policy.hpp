// What a password account (the authority's and the administrators') must still do after its
// password was right, before its session is whole (等保 2.0 level 3, issue 21): its second factor, a
// password change (initial, reset or expired), enrolling a second factor the policy requires. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/time.hpp"

namespace qsm::domain {

struct AccountPolicy {
  bool second_factor_required = true;
  int password_max_age_days = 90;  // 0: passwords never expire
  int password_warning_days = 7;
  int max_sessions_per_account = 3;
  int log_retention_days = 365;    // the login log; at least 180 (网络安全法 §21); audit records are never deleted
};

// The login log's method codes in the pages' words (账号密码, 企业数字证书 …); an unknown code as itself.
std::string_view login_method_label(std::string_view method);

enum class Setup { none, second_factor, change_password, enrol_second_factor };
std::string_view to_string(Setup s);  // "", "second_factor", …
std::optional<Setup> setup_from(std::string_view s);

struct AccountSecurity {
  bool factor_enrolled = false;
  bool must_change_password = false;
  std::int64_t password_changed_at = 0;  // ms
};

// When the password expires (ms), or nullopt when the policy lets passwords live forever.
std::optional<std::int64_t> password_expires_at(const AccountPolicy& p, std::int64_t changed_at_ms);
// True in the warning days before the expiry (and not after it: then a change is forced).
bool password_expiry_warning(const AccountPolicy& p, std::int64_t changed_at_ms, std::int64_t now_ms);

// The first step left after `done` (none at the start of a login: the password was right). Steps come
// in this order: second factor (when enrolled), password change, enrolment (when required and none).
Setup next_setup(const AccountPolicy& p, const AccountSecurity& a, Setup done, std::int64_t now_ms);

}  // namespace qsm::domain
