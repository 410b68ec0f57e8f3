// Instants and Shanghai calendar dates. Asia/Shanghai has kept UTC+8 without daylight saving
// since 1991, so the calendar is a fixed offset (docs/decisions.md).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qsm::domain {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Date = std::chrono::year_month_day;

inline constexpr std::chrono::hours kShanghaiOffset{8};

Date shanghai_date(Instant t);
// The instant of a Shanghai wall-clock time on a day (midnight unless a time of day is given).
Instant shanghai_time(Date d, std::chrono::minutes time_of_day = std::chrono::minutes{0});
// "2026-03-01" → Date; nullopt unless a real calendar day between 1900 and 2199.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(Date d);
// ISO 8601 with offset or Z: "2026-03-15T09:30:00+08:00".
std::optional<Instant> parse_instant(std::string_view s);
// Shanghai local time with offset, seconds precision: "2026-03-15T09:30:00+08:00".
std::string format_instant(Instant t);
inline std::int64_t to_millis(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_millis(std::int64_t ms) { return Instant(std::chrono::milliseconds(ms)); }
// The Shanghai day of a stored time (ms), when there is one.
inline std::optional<Date> shanghai_date_of(std::optional<std::int64_t> ms) {
  if (!ms) return std::nullopt;
  return shanghai_date(from_millis(*ms));
}

}  // namespace qsm::domain
