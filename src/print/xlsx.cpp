// libxlsxwriter writes to a file; the workbook goes to a private temporary file and is read back.
#include "print/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "print/trail.hpp"

namespace qsm::print {

namespace {

constexpr double kUnixEpochSerial = 25569;  // 1970-01-01 in Excel's 1900 date system

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

XlsxCell score_cell(std::optional<std::int64_t> hundredths) {
  XlsxCell c;
  if (!hundredths) return c;
  c.kind = XlsxCell::Kind::score;
  c.number = static_cast<double>(*hundredths) / 100.0;
  return c;
}

XlsxCell count_cell(std::optional<std::int64_t> n) {
  XlsxCell c;
  if (!n) return c;
  c.kind = XlsxCell::Kind::count;
  c.number = static_cast<double>(*n);
  return c;
}

XlsxCell date_cell(std::string_view day) {
  auto d = domain::parse_date(day);
  if (!d) return XlsxCell(std::string(day));
  XlsxCell c;
  c.kind = XlsxCell::Kind::date;
  c.number = static_cast<double>(std::chrono::sys_days(*d).time_since_epoch().count()) + kUnixEpochSerial;
  return c;
}

double excel_serial(std::int64_t ms) {
  const std::int64_t seconds = ms / 1000 + std::chrono::seconds(domain::kShanghaiOffset).count();
  return static_cast<double>(seconds) / 86400.0 + kUnixEpochSerial;
}

XlsxCell time_cell(std::optional<std::int64_t> ms) {
  XlsxCell c;
  if (!ms) return c;
  c.kind = XlsxCell::Kind::time;
  c.number = excel_serial(*ms);
  return c;
}

namespace {

// A workbook written to a temporary file by `fill` and returned as bytes; the file is removed, and a
// workbook left open by an exception in `fill` is still closed. constant_memory: rows are flushed as
// they are written (each row once, in order).
std::string workbook_bytes(bool constant_memory, const std::function<void(lxw_workbook*)>& fill) {
  std::string path = (std::filesystem::temp_directory_path() / "qsm-xlsx-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("无法创建临时文件");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } cleanup{path};
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("无法创建 Excel 文件");
  struct Close {
    lxw_workbook*& wb;
    ~Close() {
      if (wb) workbook_close(wb);
    }
  } closer{wb};
  fill(wb);
  lxw_workbook* done = wb;
  wb = nullptr;
  if (workbook_close(done) != LXW_NO_ERROR) throw std::runtime_error("写入 Excel 文件失败");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The header row's look, the same in exports and templates.
lxw_format* header_format(lxw_workbook* wb) {
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDCE6F1);
  format_set_border(head, LXW_BORDER_THIN);
  return head;
}

}  // namespace

std::string write_xlsx(const XlsxSheet& sheet, const std::function<void(const AddXlsxRow&)>& produce) {
  return workbook_bytes(true, [&](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    lxw_format* title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 12);
    lxw_format* head = header_format(wb);
    lxw_format* score = workbook_add_format(wb);
    format_set_num_format(score, "0.00");
    lxw_format* count = workbook_add_format(wb);
    format_set_num_format(count, "0");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* time = workbook_add_format(wb);
    format_set_num_format(time, "yyyy-mm-dd hh:mm:ss");

    const auto last_col = static_cast<lxw_col_t>(sheet.columns.empty() ? 0 : sheet.columns.size() - 1);
    for (std::size_t c = 0; c < sheet.columns.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), sheet.columns[c].width, nullptr);
    const std::string heading = sheet.name + "　导出条件：" + (sheet.conditions.empty() ? "全部" : sheet.conditions) +
                                "　导出时间：" + stamp(domain::from_millis(sheet.exported_at_ms));
    if (last_col > 0)
      worksheet_merge_range(ws, 0, 0, 0, last_col, heading.c_str(), title);
    else
      worksheet_write_string(ws, 0, 0, heading.c_str(), title);
    for (std::size_t c = 0; c < sheet.columns.size(); ++c)
      worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), sheet.columns[c].title.c_str(), head);
    worksheet_freeze_panes(ws, 2, 0);

    lxw_row_t row = 2;
    std::size_t rows = 0;
    produce([&](const std::vector<XlsxCell>& cells) {
      if (++rows > sheet.row_limit)
        throw Failure(Error::validation_failed, "导出结果超过 " + thousands(sheet.row_limit) +
                                                    " 行，请缩小查询条件（如所在区、状态或时间范围）后分批导出");
      for (std::size_t c = 0; c < cells.size() && c < sheet.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const auto& cell = cells[c];
        switch (cell.kind) {
          case XlsxCell::Kind::empty: break;
          case XlsxCell::Kind::text: worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr); break;
          case XlsxCell::Kind::score: worksheet_write_number(ws, row, col, cell.number, score); break;
          case XlsxCell::Kind::count: worksheet_write_number(ws, row, col, cell.number, count); break;
          case XlsxCell::Kind::date: worksheet_write_number(ws, row, col, cell.number, date); break;
          case XlsxCell::Kind::time: worksheet_write_number(ws, row, col, cell.number, time); break;
        }
      }
      ++row;
  });
  worksheet_autofilter(ws, 1, 0, row - 1, last_col);
  });
}

std::string write_text_workbook(const std::vector<TextSheet>& sheets) {
  return workbook_bytes(false, [&](lxw_workbook* wb) {
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    lxw_format* head = header_format(wb);
    format_set_num_format(head, "@");
    for (const auto& sheet : sheets) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
      for (std::size_t c = 0; c < sheet.columns.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), sheet.columns[c].width, text);
      lxw_row_t row = 0;
      if (sheet.header) {
        for (std::size_t c = 0; c < sheet.columns.size(); ++c)
          worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c].title.c_str(), head);
        worksheet_freeze_panes(ws, 1, 0);
        row = 1;
      }
      for (const auto& cells : sheet.rows) {
        for (std::size_t c = 0; c < cells.size(); ++c)
          if (!cells[c].empty()) worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), text);
        ++row;
      }
    }
  });
}

}  // namespace qsm::print
