// libsodium-backed secret handling.
#include "crypto/secret.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace qsm::crypto {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.resize(n * 2);
  return out;
}

void hmac(const std::string& key, std::string_view text, unsigned char (&out)[crypto_auth_hmacsha256_BYTES]) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  crypto_auth_hmacsha256_final(&st, out);
}

}  // namespace

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium 初始化失败");
}

Secret Secret::from_bytes(std::string key) { return Secret(std::move(key)); }

Secret Secret::load(const std::string& path) {
  init_crypto();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("无法读取密钥文件 " + path);
  std::string hex((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  std::string key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  std::size_t len = 0;
  if (hex.size() != key.size() * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != key.size())
    throw std::runtime_error("密钥文件 " + path + " 内容无效（应为 64 位十六进制）");
  return Secret(std::move(key));
}

Secret Secret::load_or_create(const std::string& path) {
  init_crypto();
  namespace fs = std::filesystem;
  if (fs::exists(path)) return load(path);
  auto parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  std::string key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  // Create with 0600 from the start, so the key is never readable by others even briefly.
  mode_t old = umask(077);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << to_hex(reinterpret_cast<const unsigned char*>(key.data()), key.size()) << '\n';
    if (!out) {
      umask(old);
      throw std::runtime_error("无法写入密钥文件 " + path);
    }
  }
  umask(old);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return Secret(std::move(key));
}

std::string Secret::hmac_hex(std::string_view text) const {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  hmac(key_, text, out);
  return to_hex(out, sizeof out);
}

Secret Secret::derived(std::string_view purpose) const {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  hmac(key_, purpose, out);
  return Secret(std::string(reinterpret_cast<const char*>(out), sizeof out));
}

std::string Secret::seal(std::string_view plaintext) const {
  static_assert(crypto_secretbox_KEYBYTES == crypto_auth_hmacsha256_BYTES);
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  return to_hex(reinterpret_cast<const unsigned char*>(out.data()), out.size());
}

std::optional<std::string> Secret::open(std::string_view sealed) const {
  std::string bin(sealed.size() / 2, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr) != 0 ||
      len != bin.size() || len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(bin.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, nonce, reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;
  return plain;
}

std::string random_hex(std::size_t n) {
  std::string buf(n, '\0');
  randombytes_buf(buf.data(), n);
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), n);
}

std::string random_digits(std::size_t n) {
  std::string out(n, '0');
  for (auto& ch : out) ch = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view text) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(out, sizeof out);
}

}  // namespace qsm::crypto
