// TOTP against RFC 6238's own test vectors (SHA-1, the last 6 of its 8 digits), the window of one
// step either side, the otpauth URI, the QR code's shape, and sealed secrets.
#include <gtest/gtest.h>

#include "crypto/secret.hpp"
#include "crypto/totp.hpp"

namespace qsm::crypto {
namespace {

const std::string kRfcKey = "12345678901234567890";

TEST(Totp, RfcVectors) {
  struct Case {
    std::int64_t at;
    const char* code;
  };
  const Case cases[] = {{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}};
  for (const auto& c : cases) {
    EXPECT_EQ(totp_code(kRfcKey, c.at), c.code) << c.at;
    EXPECT_EQ(totp_step(kRfcKey, c.code, c.at), c.at / 30) << c.at;
  }
}

TEST(Totp, OneStepEitherSideAndNoFurther) {
  const std::int64_t t = 1'800'000'000;
  const auto code = totp_code(kRfcKey, t);
  EXPECT_EQ(totp_step(kRfcKey, code, t + 30), t / 30);
  EXPECT_EQ(totp_step(kRfcKey, code, t - 30), t / 30);
  EXPECT_EQ(totp_step(kRfcKey, code, t + 61), std::nullopt);
  EXPECT_EQ(totp_step(kRfcKey, code, t - 61), std::nullopt);
  for (const char* bad : {"", "12345", "1234567", "12a456", " 12345"}) EXPECT_EQ(totp_step(kRfcKey, bad, t), std::nullopt) << bad;
}

TEST(Totp, UriAndQr) {
  EXPECT_EQ(base32(kRfcKey), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  const auto uri = otpauth_uri("质量标准化", "jdz_01", kRfcKey);
  EXPECT_EQ(uri.rfind("otpauth://totp/%E8%B4%A8", 0), 0u) << uri;
  EXPECT_NE(uri.find(":jdz_01?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E8"), std::string::npos) << uri;
  const auto rows = qr_rows(uri);
  ASSERT_GE(rows.size(), 21u);
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows.size());
  // The three finder patterns: a dark 7×7 square's corners.
  EXPECT_EQ(rows[0].substr(0, 7), "1111111");
  EXPECT_EQ(rows[0].substr(rows.size() - 7), "1111111");
  EXPECT_EQ(rows[rows.size() - 1].substr(0, 7), "1111111");
  EXPECT_EQ(new_totp_key().size(), 20u);
  EXPECT_NE(new_totp_key(), new_totp_key());
}

TEST(Totp, SealedSecretsOpenOnlyUnderTheirKey) {
  init_crypto();
  const auto a = Secret::from_bytes(std::string(32, 'a')).derived("totp");
  const auto b = Secret::from_bytes(std::string(32, 'b')).derived("totp");
  const auto sealed = a.seal(kRfcKey);
  EXPECT_EQ(sealed.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a.open(sealed), kRfcKey);
  EXPECT_NE(a.seal(kRfcKey), sealed);  // a fresh nonce each time
  EXPECT_EQ(b.open(sealed), std::nullopt);
  auto changed = sealed;
  changed.back() = changed.back() == '0' ? '1' : '0';
  EXPECT_EQ(a.open(changed), std::nullopt);
  EXPECT_EQ(a.open("zz"), std::nullopt);
  EXPECT_EQ(a.open(""), std::nullopt);
}

}  // namespace
}  // namespace qsm::crypto
