// Excel exports (.xlsx) in libxlsxwriter's constant-memory mode: rows are written as they come,
// so a 100k-row list never sits in memory. Scores and counts are numbers, dates and times are
// Excel dates (Shanghai wall clock), above the header a title row says what was exported and when.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qsm::print {

struct XlsxColumn {
  std::string title;  // Chinese header
  double width;       // characters
};

// One cell: text (a std::string converts to one), or a number, a date or a time Excel can compute with.
struct XlsxCell {
  enum class Kind : std::uint8_t { empty, text, score, count, date, time };
  Kind kind = Kind::empty;
  std::string text;
  double number = 0;  // score and count: the value; date and time: the Excel serial day

  XlsxCell() = default;
  XlsxCell(std::string s) : kind(s.empty() ? Kind::empty : Kind::text), text(std::move(s)) {}  // NOLINT: text is the common case
  XlsxCell(const char* s) : XlsxCell(std::string(s)) {}                                       // NOLINT
};

// A score kept in hundredths, shown with two decimals ("0.00"); empty without one.
XlsxCell score_cell(std::optional<std::int64_t> hundredths);
// A whole number (counts, days); empty without one.
XlsxCell count_cell(std::optional<std::int64_t> n);
// A calendar day "YYYY-MM-DD" as an Excel date ("yyyy-mm-dd"); any other text stays text, "" empty.
XlsxCell date_cell(std::string_view day);
// A stored time (ms since the epoch) as an Excel date-time on Shanghai's wall clock
// ("yyyy-mm-dd hh:mm:ss"); empty without one.
XlsxCell time_cell(std::optional<std::int64_t> ms);

// The Excel serial day (1900 date system) of a Shanghai wall-clock time: 25569 is 1970-01-01.
double excel_serial(std::int64_t ms);

inline constexpr std::size_t kDefaultExportRowLimit = 100'000;

struct XlsxSheet {
  std::string name;                 // the sheet's tab and the title's first words: "月度评价"
  std::string conditions;           // "状态：已复核；所在区：闵行区", or "" for the whole list
  std::int64_t exported_at_ms = 0;  // when, for the title row
  std::vector<XlsxColumn> columns;
  std::size_t row_limit = kDefaultExportRowLimit;
};

using AddXlsxRow = std::function<void(const std::vector<XlsxCell>&)>;

// Row 1 is the title ("月度评价　导出条件：…　导出时间：2026-03-15 09:30"), row 2 the frozen header
// with an autofilter, then the rows produce(add) adds. A row past sheet.row_limit throws a
// Failure (422) telling the user to narrow the conditions; nothing is returned then.
std::string write_xlsx(const XlsxSheet& sheet, const std::function<void(const AddXlsxRow&)>& produce);

// A small workbook of several sheets, every cell text (an import template: columns formatted as text,
// so that Excel keeps an 18-digit ID number or a leading 0 as typed). Row 1 of each sheet is its header,
// bold and frozen; `notes` (optional) are rows under it in grey italics.
struct TextSheet {
  std::string name;
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<std::string>> rows;
  bool header = true;
};
std::string write_text_workbook(const std::vector<TextSheet>& sheets);

}  // namespace qsm::print
