// Points: money-like scores kept exact as integers of hundredths of a point, never as double.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boost::json { class value; }

namespace qsm::domain {

class Points {
 public:
  constexpr Points() = default;
  static constexpr Points from_hundredths(std::int64_t v) { return Points(v); }
  static constexpr Points whole(std::int64_t v) { return Points(v * 100); }
  // A JSON number with at most two decimal places ("4", "2.5", "12.75"); nullopt otherwise.
  static std::optional<Points> from_json(const boost::json::value& v);
  // A percentage 0–100 written as such a number ("80", "98.5"): thresholds in options and queries.
  static std::optional<Points> percent_from_text(std::string_view text);

  constexpr std::int64_t hundredths() const { return v_; }
  // JSON number of the exact value (12.5 → 12.5); exact because v_ / 100 has ≤ 2 decimals.
  double to_double() const { return static_cast<double>(v_) / 100.0; }
  // "12.50": fixed two decimals, for print.
  std::string to_string() const;

  constexpr Points operator+(Points o) const { return Points(v_ + o.v_); }
  constexpr Points operator-(Points o) const { return Points(v_ - o.v_); }
  constexpr Points& operator+=(Points o) { v_ += o.v_; return *this; }
  constexpr Points& operator-=(Points o) { v_ -= o.v_; return *this; }
  constexpr auto operator<=>(const Points&) const = default;

 private:
  constexpr explicit Points(std::int64_t v) : v_(v) {}
  std::int64_t v_ = 0;
};

}  // namespace qsm::domain
