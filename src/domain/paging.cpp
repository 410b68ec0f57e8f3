#include "domain/paging.hpp"

#include <algorithm>

namespace qsm::domain {

PageWindow page_window(std::int64_t total, std::int64_t page, std::int64_t page_size) {
  const std::int64_t offset = (page - 1) * page_size;
  if (offset >= total) return {};
  const std::int64_t rows = std::min(page_size, total - offset);
  // From the start the walk passes offset + rows entries; from the end, the rest of the list.
  if (total - offset < offset + rows) return {true, rows, total - offset - rows};
  return {false, rows, offset};
}

}  // namespace qsm::domain
