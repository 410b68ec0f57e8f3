// Which rows of an ordered list of `total` rows a page is, read from the end of the list when that
// is shorter (issue 25): a list page walks an index in its order past OFFSET entries, so page 1,000 of
// the authority's 21,793 months walked 20,000 of them; from the end it walks 1,793.
#pragma once
#include <cstdint>

namespace qsm::domain {

struct PageWindow {
  bool from_end = false;  // the rows are those of the reverse order
  std::int64_t limit = 0, offset = 0;  // in that order; limit 0: the page is past the end (no row)
};

// Page `page` (1-based) of `page_size` rows of a list whose order is total (no two rows tie), so that
// the same rows come in reverse from the end.
PageWindow page_window(std::int64_t total, std::int64_t page, std::int64_t page_size);

}  // namespace qsm::domain
