// argon2id via libsodium's crypto_pwhash_str.
#include "crypto/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace qsm::crypto {

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("密码哈希失败（内存不足）");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> password_policy_problem(std::string_view password) {
  std::size_t chars = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (chars < 10) return "密码至少 10 个字符";
  if (password.size() > 128) return "密码不能超过 128 个字节";
  if (lower + upper + digit + other < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  return std::nullopt;
}

}  // namespace qsm::crypto
