// IP addresses and CIDR ranges (inet_pton): trusted-proxy matching and the address a limit counts.
#include "util/net.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace qsm::net {
namespace {

struct Network {
  std::array<unsigned char, 16> bytes{};
  int family = 0;
  int prefix = 0;
};

bool parse_address(std::string_view text, std::array<unsigned char, 16>& out, int& family) {
  std::string s(text);
  if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) s = s.substr(7);  // v4-mapped
  if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
    family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) {
    family = AF_INET6;
    return true;
  }
  return false;
}

bool parse_cidr(std::string_view text, Network& n) {
  auto slash = text.find('/');
  if (!parse_address(text.substr(0, slash), n.bytes, n.family)) return false;
  int max = n.family == AF_INET ? 32 : 128;
  n.prefix = max;
  if (slash != std::string_view::npos) {
    try {
      n.prefix = std::stoi(std::string(text.substr(slash + 1)));
    } catch (...) {
      return false;
    }
    if (n.prefix < 0 || n.prefix > max) return false;
  }
  return true;
}

}  // namespace

bool ip_in_cidrs(std::string_view ip, const std::vector<std::string>& cidrs) {
  std::array<unsigned char, 16> addr{};
  int family = 0;
  if (!parse_address(ip, addr, family)) return false;
  for (const auto& text : cidrs) {
    Network n;
    if (!parse_cidr(text, n) || n.family != family) continue;
    int full = n.prefix / 8, rest = n.prefix % 8;
    if (std::memcmp(addr.data(), n.bytes.data(), static_cast<std::size_t>(full)) != 0) continue;
    if (rest) {
      unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
      if ((addr[static_cast<std::size_t>(full)] & mask) != (n.bytes[static_cast<std::size_t>(full)] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string rate_limit_address(std::string_view ip) {
  std::array<unsigned char, 16> addr{};
  int family = 0;
  if (!parse_address(ip, addr, family)) return std::string(ip);
  char text[INET6_ADDRSTRLEN] = {};
  if (family == AF_INET) {
    inet_ntop(AF_INET, addr.data(), text, sizeof text);
    return text;
  }
  // One IPv6 subscriber usually holds a whole /64: the limit is per /64, not per address.
  std::fill(addr.begin() + 8, addr.end(), 0);
  inet_ntop(AF_INET6, addr.data(), text, sizeof text);
  return std::string(text) + "/64";
}

void check_cidrs(const std::vector<std::string>& cidrs) {
  for (const auto& text : cidrs) {
    Network n;
    if (!parse_cidr(text, n)) throw std::runtime_error("--trusted-proxy '" + text + "' 不是 IP 地址或 CIDR（例如 127.0.0.1/32）");
  }
}

std::string media_type(std::string_view content_type) {
  std::string type(content_type.substr(0, std::min(content_type.find(';'), content_type.size())));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type;
}

}  // namespace qsm::net
