// Reading an .xlsx workbook's cells (registry import, issue 27): libzip opens the package from memory,
// expat reads the workbook, its relationships, the shared strings and each worksheet. Every cell comes
// back as the text Excel stores (a number as its stored digits, a shared or inline string as its text);
// formulas give their cached value. Bounded: the file, each part and the cells read.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qsm::print {

struct XlsxReadSheet {
  std::string name;
  // rows[r][c]: row r + 1 and column c (A = 0) of the sheet; rows and cells past the last one are absent,
  // a missing cell within a row is "".
  std::vector<std::vector<std::string>> rows;
};

struct XlsxReadLimits {
  std::size_t max_part_bytes = 64u << 20;  // one part, uncompressed (a zip bomb stops here)
  std::size_t max_rows = 100'000;          // per sheet
  std::size_t max_columns = 64;
};

// The workbook's sheets in their order. Failure(validation_failed) with a Chinese message when the bytes
// are not an .xlsx workbook or exceed the limits.
std::vector<XlsxReadSheet> read_xlsx(std::string_view bytes, const XlsxReadLimits& limits = {});

// "A" → 0, "B" → 1, "AA" → 26; the column letters of a cell reference ("C12" → 2); -1 when malformed.
// (The other way, index → letters, is domain::registry::column_letters: the places problems are told at.)
int column_index(std::string_view reference);

}  // namespace qsm::print
