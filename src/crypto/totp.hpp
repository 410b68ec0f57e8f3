// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits) with liboath, the
// otpauth:// URI authenticator apps read, and its QR code with libqrencode.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qsm::crypto {

inline constexpr int kTotpStepSeconds = 30;

// A fresh random key (20 bytes, RFC 4226's recommended length).
std::string new_totp_key();
// The key in base32 without padding, as typed into an authenticator app by hand.
std::string base32(std::string_view key);
// The 30-second step the 6-digit code matches, trying the step of `now_seconds` and one on either
// side (a phone's clock a little off); nullopt when it matches none.
std::optional<std::int64_t> totp_step(std::string_view key, std::string_view code, std::int64_t now_seconds);
// The code of one step (tests and the command line's demo only).
std::string totp_code(std::string_view key, std::int64_t now_seconds);
// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view key);

// A one-time recovery code: 10 characters of an alphabet without look-alikes, shown as xxxx-xxxx-xx.
std::string new_recovery_code();
// What a typed recovery code is compared as: lower case, without dashes and spaces.
std::string normalize_recovery_code(std::string_view typed);

// A QR code's modules, row by row: rows[y][x] == '1' is dark. No quiet zone.
std::vector<std::string> qr_rows(std::string_view text);

}  // namespace qsm::crypto
