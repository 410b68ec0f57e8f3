// The registry as a workbook (issue 27): one sheet per kind (监督机构, 企业, 人员, 工程, 合同) with
// Chinese headers, read into the same JSON the registry import takes, and every problem the import
// finds (paths like "$.persons[3].mobile") told back as the sheet, row, column and header it came from.
// Pure: cells in, JSON and places out.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/problems.hpp"

namespace qsm::domain::registry {

struct SheetColumn {
  enum class Kind { text, number, date, choice };
  using Choices = std::vector<std::pair<std::string_view, std::string_view>>;  // label → code
  SheetColumn(std::string_view f, std::string_view h, std::string_view e, std::string_view n, Kind k = Kind::text, Choices c = {})
      : field(f), header(h), example(e), note(n), kind(k), choices(std::move(c)) {}
  std::string_view field, header, example, note;
  Kind kind;
  Choices choices;
  bool required = true;
};
struct SheetSpec {
  SheetSpec(std::string_view k, std::string_view s, std::vector<SheetColumn> c, bool opt = false)
      : kind(k), sheet(s), columns(std::move(c)), optional(opt) {}
  std::string_view kind, sheet;  // the JSON array ("persons") and the sheet's name ("人员")
  std::vector<SheetColumn> columns;
  bool optional;  // a workbook may leave the sheet out
};
const std::vector<SheetSpec>& registry_sheets();

// The header as written in the template: "*" before a required column's name.
std::string header_text(const SheetColumn& c);

struct CellPlace {
  std::string sheet;
  std::size_t row = 0;  // 1-based, as Excel numbers rows
  std::string column;   // "C"; "" for a whole row or sheet
  std::string header;
};
struct SheetRows {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // row 1 is the header
};
struct WorkbookRead {
  boost::json::object file;                  // as the JSON import takes it
  std::map<std::string, CellPlace> places;   // "$.persons[3]" and "$.persons[3].mobile" → where
  std::vector<std::pair<CellPlace, std::string>> problems;  // the workbook's own: headers, dates, choices
};
// Reads the sheets by name (unknown sheets are left alone; 说明 is the template's). An empty row ends
// nothing: it is skipped. Values are trimmed.
WorkbookRead read_registry_workbook(const std::vector<SheetRows>& sheets);

// A problem's path ("$.persons[3].mobile", or inside a message) in words: "人员 第 5 行 C 列（手机号）".
std::string place_text(const CellPlace& p);
// Replaces every import path in `text` with its place (unknown paths stay as they are).
std::string with_places(const std::string& text, const std::map<std::string, CellPlace>& places);
// The place of a path: the cell, else its row ("$.persons[3]"), else the sheet's header row.
CellPlace place_of(const std::string& path, const std::map<std::string, CellPlace>& places);

// Problems in the order of the workbook: its sheets' order (registry_sheets, others last), then row,
// then column (A … Z, AA …); a sheet's or a row's own problem before its cells'. Stable.
void sort_by_place(std::vector<std::pair<CellPlace, std::string>>& problems);

// A column's letters as Excel names it: 0 → "A", 26 → "AA".
std::string column_letters(std::size_t index);

// An Excel serial day (45915) as "YYYY-MM-DD"; "" when the text is not one.
std::string excel_day(std::string_view serial);

}  // namespace qsm::domain::registry
