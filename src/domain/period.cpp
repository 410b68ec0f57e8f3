// Months and quarters.
#include "domain/period.hpp"

#include <cstdio>

namespace qsm::domain {

YearMonth YearMonth::of(Date d) { return {static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month()))}; }

std::optional<YearMonth> YearMonth::parse(std::string_view s) {
  auto d = parse_date(std::string(s) + "-01");
  if (s.size() != 7 || !d) return std::nullopt;
  return of(*d);
}

std::string YearMonth::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string YearMonth::quarter_string() const { return Quarter::of(*this).to_string(); }

std::optional<Quarter> Quarter::parse(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4') return std::nullopt;
  auto first = YearMonth::parse(std::string(s.substr(0, 4)) + "-01");
  if (!first) return std::nullopt;
  return Quarter{first->year, s[6] - '0'};
}

std::string Quarter::to_string() const { return std::to_string(year) + "-Q" + std::to_string(q); }

}  // namespace qsm::domain
