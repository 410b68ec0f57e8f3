// Calendar months (评价期间 "2026-03") and quarters ("2026-Q1") of the Asia/Shanghai calendar.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace qsm::domain {

struct YearMonth {
  int year = 1970;
  int month = 1;  // 1..12

  auto operator<=>(const YearMonth&) const = default;
  static YearMonth of(Date d);
  static YearMonth of(Instant t) { return of(shanghai_date(t)); }
  // "2026-03" → {2026, 3}; nullopt for anything else (years 1900–2199).
  static std::optional<YearMonth> parse(std::string_view s);
  std::string to_string() const;
  YearMonth next() const { return month == 12 ? YearMonth{year + 1, 1} : YearMonth{year, month + 1}; }
  YearMonth prev() const { return month == 1 ? YearMonth{year - 1, 12} : YearMonth{year, month - 1}; }
  int quarter() const { return (month - 1) / 3 + 1; }
  Date day(unsigned d) const { return Date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)}, std::chrono::day{d}}; }
  std::string quarter_string() const;  // "2026-Q1"
};

// A calendar quarter of the Shanghai calendar: Q1 = January–March.
struct Quarter {
  int year = 1970;
  int q = 1;  // 1..4

  auto operator<=>(const Quarter&) const = default;
  static Quarter of(YearMonth m) { return {m.year, m.quarter()}; }
  // "2026-Q1" → {2026, 1}; nullopt for anything else (years 1900–2199).
  static std::optional<Quarter> parse(std::string_view s);
  std::string to_string() const;
  YearMonth first() const { return {year, 3 * q - 2}; }
  YearMonth last() const { return {year, 3 * q}; }
};

}  // namespace qsm::domain
