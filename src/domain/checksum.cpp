// GB 32100 and GB 11643 check characters, computed from the standards' published weights.
#include "domain/checksum.hpp"

#include <array>
#include <chrono>

namespace qsm::domain {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 17> kIdWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheck = "10X98765432";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<char> uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    auto pos = kUsccAlphabet.find(first17[i]);
    if (pos == std::string_view::npos) return std::nullopt;
    sum += static_cast<int>(pos) * kUsccWeights[i];
  }
  return kUsccAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

bool valid_uscc(std::string_view code) {
  if (code.size() != 18) return false;
  auto check = uscc_check_char(code.substr(0, 17));
  return check && code[17] == *check;
}

std::optional<char> id_number_check_char(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_digit(first17[i])) return std::nullopt;
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdCheck[static_cast<std::size_t>(sum % 11)];
}

bool valid_id_number(std::string_view id) {
  if (id.size() != 18) return false;
  auto check = id_number_check_char(id.substr(0, 17));
  if (!check || id[17] != *check) return false;
  // The birth date (positions 7–14) must be a real calendar day.
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  std::chrono::year_month_day birth{std::chrono::year{num(6, 4)}, std::chrono::month{static_cast<unsigned>(num(10, 2))},
                                    std::chrono::day{static_cast<unsigned>(num(12, 2))}};
  return birth.ok() && num(6, 4) >= 1900;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() < 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_mobile(std::string_view mobile) {
  if (mobile.size() != 11) return std::string(mobile.size(), '*');
  return std::string(mobile.substr(0, 3)) + "****" + std::string(mobile.substr(7));
}

bool valid_mobile(std::string_view mobile) {
  if (mobile.size() != 11 || mobile[0] != '1') return false;
  for (char c : mobile)
    if (!is_digit(c)) return false;
  return true;
}

}  // namespace qsm::domain
