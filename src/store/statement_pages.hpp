// What each SQLite statement read (issue 25): how often it ran, and the pages it found in its
// connection's page cache and the ones it had to read from the file (SQLite's per-connection
// SQLITE_DBSTATUS_CACHE_HIT and _MISS, taken before and after the statement). Off unless
// `qsm serve --sqlite-statement-pages FILE`, which writes the tally to FILE when the server stops.
// A measurement of the server under real traffic (bench/mix/run.sh STATEMENT_PAGES=1), where
// bench/mix/pages.py measures a few statements alone on an empty cache.
#pragma once
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "util/text_hash.hpp"

namespace qsm::store {

class StatementPages {
 public:
  struct Tally {
    std::int64_t calls = 0, hits = 0, misses = 0;
  };

  void add(std::string_view sql, std::int64_t hits, std::int64_t misses);
  Tally of(std::string_view sql) const;
  // A header line, then one line per statement, the most pages read from the file first: calls,
  // pages read a call, cache hits a call, pages read and hits in all, and the SQL on one line (tab-separated).
  void write(std::ostream& out) const;

 private:
  mutable std::mutex mutex_;
  util::TextMap<Tally> by_sql_;
};

}  // namespace qsm::store
