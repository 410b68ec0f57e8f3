// Conversions of Points to and from JSON and text.
#include "domain/points.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <cstdio>

namespace qsm::domain {

std::optional<Points> Points::from_json(const boost::json::value& v) {
  if (v.is_int64()) {
    auto i = v.get_int64();
    if (i < -1'000'000'000 || i > 1'000'000'000) return std::nullopt;
    return Points(i * 100);
  }
  if (v.is_uint64()) return std::nullopt;  // beyond any score
  if (!v.is_double()) return std::nullopt;
  double d = v.get_double();
  if (!std::isfinite(d) || std::fabs(d) > 1e9) return std::nullopt;
  // A decimal with ≤ 2 places lands within rounding noise of an integer number of hundredths.
  double scaled = d * 100.0;
  double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6) return std::nullopt;
  return Points(static_cast<std::int64_t>(rounded));
}

std::optional<Points> Points::percent_from_text(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  auto p = ec ? std::nullopt : from_json(v);
  if (!p || *p < Points{} || *p > whole(100)) return std::nullopt;
  return p;
}

std::string Points::to_string() const {
  char buf[32];
  std::int64_t a = v_ < 0 ? -v_ : v_;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", v_ < 0 ? "-" : "", static_cast<long long>(a / 100),
                static_cast<long long>(a % 100));
  return buf;
}

}  // namespace qsm::domain
