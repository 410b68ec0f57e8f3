// The server secret and the audit key derived from it (issue 21): the file is created owner-only,
// reading it never creates one, and a derived key belongs to its purpose alone.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "crypto/secret.hpp"
#include "store/audit.hpp"

namespace qsm::crypto {
namespace {

std::filesystem::path temp_path() {
  static std::mt19937_64 rng{std::random_device{}()};
  return std::filesystem::temp_directory_path() / ("qsm-secret-test-" + std::to_string(rng()));
}

TEST(Secret, ANewSecretFileIsReadableByItsOwnerOnly) {
  const auto path = temp_path();
  Secret::load_or_create(path.string());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::remove(path);
}

TEST(Secret, LoadingNeverCreatesAFile) {
  const auto path = temp_path();
  EXPECT_THROW(Secret::load(path.string()), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Secret, EveryProcessWithTheFileDerivesTheSameAuditKey) {
  const auto path = temp_path();
  const store::AuditKey created(Secret::load_or_create(path.string())), loaded(Secret::load(path.string()));
  EXPECT_EQ(created.mac(store::AuditKey::Use::record, "[1]"), loaded.mac(store::AuditKey::Use::record, "[1]"));
  std::filesystem::remove(path);
}

TEST(Secret, ADerivedKeyIsNeitherTheSecretNorAnotherPurposesKey) {
  const auto secret = Secret::from_bytes(std::string(32, 's'));
  const auto audit = secret.derived("qsm audit chain v1"), other = secret.derived("something else");
  EXPECT_NE(audit.hmac_hex("x"), secret.hmac_hex("x"));
  EXPECT_NE(audit.hmac_hex("x"), other.hmac_hex("x"));
  EXPECT_EQ(audit.hmac_hex("x"), Secret::from_bytes(std::string(32, 's')).derived("qsm audit chain v1").hmac_hex("x"));
}

TEST(Secret, AnAuditMacMadeForOneUseNeverPassesForAnother) {
  const store::AuditKey key(Secret::from_bytes(std::string(32, 's')));
  EXPECT_NE(key.mac(store::AuditKey::Use::record, "x"), key.mac(store::AuditKey::Use::link, "x"));
  EXPECT_NE(key.mac(store::AuditKey::Use::link, "x"), key.mac(store::AuditKey::Use::checkpoint, "x"));
}

}  // namespace
}  // namespace qsm::crypto
