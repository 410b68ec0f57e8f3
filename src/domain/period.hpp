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
  std::string quarter_string() const;  // "2026-Q1"
};

}  // namespace qsm::domain
