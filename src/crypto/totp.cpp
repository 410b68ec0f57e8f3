// TOTP with liboath, QR codes with libqrencode.
#include "crypto/totp.hpp"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace qsm::crypto {
namespace {

void init_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath 初始化失败");
  });
}

}  // namespace

std::string new_totp_key() {
  std::string key(20, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string base32(std::string_view key) {
  init_oath();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(key.data(), key.size(), &out, &len) != OATH_OK) throw std::runtime_error("base32 编码失败");
  std::unique_ptr<char, decltype(&free)> owned(out, &free);
  std::string text(out, len);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::int64_t> totp_step(std::string_view key, std::string_view code, std::int64_t now_seconds) {
  init_oath();
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  const std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int rc = oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(now_seconds), kTotpStepSeconds, 0, 1, &position,
                                     &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string totp_code(std::string_view key, std::int64_t now_seconds) {
  init_oath();
  char out[7] = {};
  if (oath_totp_generate(key.data(), key.size(), static_cast<time_t>(now_seconds), kTotpStepSeconds, 0, 6, out) != OATH_OK)
    throw std::runtime_error("动态口令生成失败");
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view key) {
  const auto enc = [](std::string_view s) { return boost::urls::encode(s, boost::urls::unreserved_chars); };
  return "otpauth://totp/" + enc(issuer) + ":" + enc(account) + "?secret=" + base32(key) + "&issuer=" + enc(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::string new_recovery_code() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 4 || i == 8) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string normalize_recovery_code(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == '-' || ch == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

std::vector<std::string> qr_rows(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) throw std::runtime_error("二维码生成失败");
  std::vector<std::string> rows(qr->width, std::string(qr->width, '0'));
  for (int y = 0; y < qr->width; ++y)
    for (int x = 0; x < qr->width; ++x)
      if (qr->data[y * qr->width + x] & 1) rows[y][x] = '1';
  return rows;
}

}  // namespace qsm::crypto
