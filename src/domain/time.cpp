// Date and instant parsing/formatting on std::chrono's civil calendar.
#include "domain/time.hpp"

#include <charconv>
#include <cstdio>

namespace qsm::domain {
namespace {

bool read_int(std::string_view s, std::size_t at, std::size_t len, int& out) {
  if (at + len > s.size()) return false;
  for (std::size_t i = at; i < at + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  auto r = std::from_chars(s.data() + at, s.data() + at + len, out);
  return r.ec == std::errc{};
}

}  // namespace

Date shanghai_date(Instant t) {
  return Date{std::chrono::floor<std::chrono::days>(t + kShanghaiOffset)};
}

Instant shanghai_time(Date d, std::chrono::minutes time_of_day) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_days(d) + time_of_day - kShanghaiOffset);
}

std::optional<Date> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, m) || !read_int(s, 8, 2, d)) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1900 || y > 2199) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Instant> parse_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)
  if (s.size() < 20) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  int hh, mm, ss;
  if (!date || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!read_int(s, 11, 2, hh) || !read_int(s, 14, 2, mm) || !read_int(s, 17, 2, ss)) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    std::string frac(s.substr(start, std::min<std::size_t>(3, pos - start)));
    while (frac.size() < 3) frac += '0';
    millis = std::stoi(frac);
  }
  int offset_minutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om) || oh > 14 || om > 59) return std::nullopt;
    offset_minutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto local = std::chrono::sys_days(*date) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
               std::chrono::seconds(ss) + std::chrono::milliseconds(millis);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(local - std::chrono::minutes(offset_minutes));
}

std::string format_instant(Instant t) {
  auto local = t + kShanghaiOffset;
  auto day = std::chrono::floor<std::chrono::days>(local);
  Date d{day};
  std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(local - day)};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", format_date(d).c_str(), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace qsm::domain
