// The setup steps of a password login (issue 21), table by table: their order, the password's
// expiry at its boundaries, and the warning week before it.
#include <gtest/gtest.h>

#include "domain/account_policy.hpp"

namespace qsm::domain {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kNow = 1'800'000'000'000;

TEST(AccountPolicy, StepsComeInOrder) {
  const AccountPolicy required;
  AccountPolicy optional;
  optional.second_factor_required = false;
  struct Case {
    const AccountPolicy& policy;
    bool enrolled, must_change;
    std::int64_t changed_days_ago;
    domain::Setup done, want;
  };
  const Case cases[] = {
      // A whole account logs in with its second factor and nothing else.
      {required, true, false, 1, Setup::none, Setup::second_factor},
      {required, true, false, 1, Setup::second_factor, Setup::none},
      // The factor comes before the forced change, and the change before nothing else.
      {required, true, true, 1, Setup::none, Setup::second_factor},
      {required, true, true, 1, Setup::second_factor, Setup::change_password},
      {required, true, false, 1, Setup::change_password, Setup::none},
      // No factor yet: change an initial password first, then enrol.
      {required, false, true, 0, Setup::none, Setup::change_password},
      {required, false, false, 0, Setup::change_password, Setup::enrol_second_factor},
      {required, false, false, 3, Setup::none, Setup::enrol_second_factor},
      {required, false, false, 3, Setup::enrol_second_factor, Setup::none},
      // Optional: no enrolment is asked for, an enrolled factor is still asked.
      {optional, false, false, 3, Setup::none, Setup::none},
      {optional, false, true, 3, Setup::none, Setup::change_password},
      {optional, false, false, 3, Setup::change_password, Setup::none},
      {optional, true, false, 3, Setup::none, Setup::second_factor},
      // Expiry forces a change like an initial password (90 days: day 90 is expired, day 89 not).
      {optional, false, false, 90, Setup::none, Setup::change_password},
      {optional, false, false, 89, Setup::none, Setup::none},
      {required, true, false, 400, Setup::second_factor, Setup::change_password},
  };
  for (const auto& c : cases) {
    const AccountSecurity a{c.enrolled, c.must_change, kNow - c.changed_days_ago * kDay};
    EXPECT_EQ(next_setup(c.policy, a, c.done, kNow), c.want)
        << "enrolled " << c.enrolled << " must_change " << c.must_change << " days " << c.changed_days_ago << " done "
        << to_string(c.done);
  }
}

TEST(AccountPolicy, ExpiryAndTheWarningWeek) {
  AccountPolicy p;  // 90 days, a week's warning
  const std::int64_t changed = kNow;
  EXPECT_EQ(password_expires_at(p, changed), changed + 90 * kDay);
  struct Case {
    std::int64_t at;
    bool warning;
  };
  const Case cases[] = {
      {changed + 83 * kDay - 1, false},  // before the last week
      {changed + 83 * kDay, true},       // the week begins
      {changed + 90 * kDay - 1, true},
      {changed + 90 * kDay, false},      // expired: a change is forced, not warned of
  };
  for (const auto& c : cases) EXPECT_EQ(password_expiry_warning(p, changed, c.at), c.warning) << (c.at - changed) / kDay;
  p.password_max_age_days = 0;
  EXPECT_EQ(password_expires_at(p, changed), std::nullopt);
  EXPECT_FALSE(password_expiry_warning(p, changed, changed + 1000 * kDay));
  EXPECT_EQ(next_setup(p, {false, false, 0}, Setup::none, kNow), Setup::enrol_second_factor);
}

TEST(AccountPolicy, SetupCodes) {
  for (auto s : {Setup::none, Setup::second_factor, Setup::change_password, Setup::enrol_second_factor})
    EXPECT_EQ(setup_from(to_string(s)), s);
  EXPECT_EQ(setup_from("whatever"), std::nullopt);
}

}  // namespace
}  // namespace qsm::domain
