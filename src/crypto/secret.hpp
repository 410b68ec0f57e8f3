// The server secret: a random key in a 0600 file beside the database (never in it), used for the
// keyed hash of ID-card numbers and of other one-way lookups.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace qsm::crypto {

class Secret {
 public:
  // Reads the key, creating the file with a fresh random key on first use.
  static Secret load_or_create(const std::string& path);
  // Reads the key; a missing file is an error (for commands that must not change anything).
  static Secret load(const std::string& path);
  static Secret from_bytes(std::string key);
  // Lower-case hex HMAC-SHA-256 of text under the key.
  std::string hmac_hex(std::string_view text) const;
  // A key of its own for one purpose, HMAC(key, purpose): a MAC made for one use never passes for
  // another, and the derived key reveals nothing of this one.
  Secret derived(std::string_view purpose) const;
  // Authenticated encryption under the key (libsodium secretbox, a fresh random nonce), as hex of
  // nonce and box; open() gives the plaintext back, or nullopt for text not sealed under this key or
  // changed since.
  std::string seal(std::string_view plaintext) const;
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  explicit Secret(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

// Random bytes as lower-case hex (2 × n characters), from libsodium.
std::string random_hex(std::size_t n);
// n decimal digits, each uniformly random: one-time codes sent by SMS.
std::string random_digits(std::size_t n);
// Unkeyed SHA-256, hex: for storing session tokens, which are already random.
std::string sha256_hex(std::string_view text);
// Equal text, compared in a time that depends on the length alone: a code's hash is compared with
// the stored one without telling how many leading characters matched.
bool equal_in_constant_time(std::string_view a, std::string_view b);
void init_crypto();

}  // namespace qsm::crypto
