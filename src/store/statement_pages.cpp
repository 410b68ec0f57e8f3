#include "store/statement_pages.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace qsm::store {

void StatementPages::add(std::string_view sql, std::int64_t hits, std::int64_t misses) {
  std::lock_guard lock(mutex_);
  auto it = by_sql_.find(sql);
  if (it == by_sql_.end()) it = by_sql_.emplace(std::string(sql), Tally{}).first;
  it->second.calls += 1;
  it->second.hits += hits;
  it->second.misses += misses;
}

StatementPages::Tally StatementPages::of(std::string_view sql) const {
  std::lock_guard lock(mutex_);
  auto it = by_sql_.find(sql);
  return it == by_sql_.end() ? Tally{} : it->second;
}

void StatementPages::write(std::ostream& out) const {
  std::vector<std::pair<std::string, Tally>> rows;
  {
    std::lock_guard lock(mutex_);
    rows.assign(by_sql_.begin(), by_sql_.end());
  }
  std::ranges::sort(rows, [](const auto& a, const auto& b) {
    return a.second.misses != b.second.misses ? a.second.misses > b.second.misses : a.first < b.first;
  });
  out << "calls\tread/call\thit/call\tread\thit\tsql\n";
  for (const auto& [sql, t] : rows) {
    char per[64];
    std::snprintf(per, sizeof per, "%.1f\t%.1f", static_cast<double>(t.misses) / static_cast<double>(t.calls),
                  static_cast<double>(t.hits) / static_cast<double>(t.calls));
    std::string line;
    bool space = false;
    for (char ch : sql) {
      if (ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ') {
        space = !line.empty();
        continue;
      }
      if (space) line += ' ';
      space = false;
      line += ch;
    }
    out << t.calls << '\t' << per << '\t' << t.misses << '\t' << t.hits << '\t' << line << '\n';
  }
}

}  // namespace qsm::store
