// libxlsxwriter writes to a file; the workbook goes to a private temporary file and is read back.
#include "print/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace qsm::print {

std::string write_xlsx(const std::string& sheet_name, const std::vector<XlsxColumn>& columns,
                       const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>& produce) {
  std::string path = (std::filesystem::temp_directory_path() / "qsm-export-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("无法创建临时文件");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } cleanup{path};

  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("无法创建 Excel 文件");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDCE6F1);
  format_set_border(head, LXW_BORDER_THIN);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].width, nullptr);
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].title.c_str(), head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  produce([&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size() && c < columns.size(); ++c)
      if (!cells[c].empty()) worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
    ++row;
  });
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 Excel 文件失败");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace qsm::print
