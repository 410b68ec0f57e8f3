// The registry workbook: columns, reading, places.
#include "domain/registry_sheets.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "domain/time.hpp"

namespace qsm::domain::registry {
namespace {

using K = SheetColumn::Kind;

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

const std::vector<SheetSpec>& registry_sheets() {
  static const std::vector<SheetSpec> specs{
      {"authorities", "监督机构",
       {{"code", "机构编码", "HP", "字母、数字、-、_"},
        {"name", "机构名称", "黄浦区建设工程质量监督站", ""},
        {"district", "所在区", "黄浦区", "上海市的区，如 黄浦区"}},
       true},
      {"enterprises", "企业",
       {{"uscc", "统一社会信用代码", "91310000MA1K39T2A3", "18 位，按 GB 32100 校验"},
        {"name", "企业名称", "上海某某建设有限公司", ""},
        {"kind", "企业类型", "施工企业", "施工企业 或 监理企业", K::choice, {{"施工企业", "construction"}, {"监理企业", "supervision"}}}}},
      {"persons", "人员",
       {{"id_number", "身份证号", "11010519491231002X", "18 位，按 GB 11643 校验；请保持文本格式"},
        {"name", "姓名", "张三", ""},
        {"mobile", "手机号", "13800138000", "1 开头的 11 位数字"},
        {"enterprise_uscc", "所属企业统一社会信用代码", "91310000MA1K39T2A3", "企业表或平台中已有的企业"}}},
      {"projects", "工程",
       {{"registration_no", "报监编号", "HP2025-0334", "字母、数字、-、_"},
        {"name", "工程名称", "董家渡聚居区13A地块住宅小区新建工程", ""},
        {"address", "工程地址", "上海市黄浦区中山南路1268弄", ""},
        {"district", "所在区", "黄浦区", "上海市的区"},
        {"authority_code", "监督机构编码", "HP", "监督机构表或平台中已有的机构"},
        {"structure_type", "结构类型", "剪力墙", ""},
        {"floor_area", "建筑面积（平方米）", "68420.35", "大于 0，最多两位小数", K::number},
        {"planned_start", "计划开工日期", "2025-09-15", "YYYY-MM-DD", K::date},
        {"planned_finish", "计划竣工日期", "2027-12-21", "YYYY-MM-DD，不早于开工日期", K::date}}},
      {"contracts", "合同",
       {{"report_no", "合同信息报编号", "HT2025-247862", ""},
        {"project_registration_no", "工程报监编号", "HP2025-0334", "工程表或平台中已有的工程"},
        {"kind", "合同类型", "施工总包", "施工总包 或 监理", K::choice, {{"施工总包", "general"}, {"监理", "supervision"}}},
        {"enterprise_uscc", "承接企业统一社会信用代码", "91310000MA1K39T2A3", "施工总包为施工企业，监理为监理企业"},
        {"manager_id_number", "项目负责人身份证号", "11010519491231002X", "该企业的人员"}}},
  };
  return specs;
}

std::string column_letters(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

std::string header_text(const SheetColumn& c) { return (c.required ? "*" : "") + std::string(c.header); }

std::string excel_day(std::string_view serial) {
  int v = 0;
  auto [p, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), v);
  // 1955-01-01 … 2118-12-31: a date of a project, not a stray number.
  if (ec != std::errc() || p != serial.data() + serial.size() || v < 20090 || v > 80000) return {};
  // Serial 25569 is 1970-01-01 (the 1900 system, its phantom 1900-02-29 before it).
  return format_date(Date{std::chrono::sys_days{std::chrono::days{v - 25569}}});
}

WorkbookRead read_registry_workbook(const std::vector<SheetRows>& sheets) {
  WorkbookRead out;
  for (const auto& spec : registry_sheets()) {
    const SheetRows* sheet = nullptr;
    for (const auto& s : sheets)
      if (s.name == spec.sheet) sheet = &s;
    boost::json::array items;
    if (!sheet) {
      if (!spec.optional) out.problems.push_back({{std::string(spec.sheet), 0, "", ""}, "缺少工作表“" + std::string(spec.sheet) + "”（请使用下载的模板）"});
      out.file[spec.kind] = std::move(items);
      continue;
    }
    // Row 1: which column holds which field ("*" and spaces around a header do not matter).
    std::vector<const SheetColumn*> at;
    const auto header = sheet->rows.empty() ? std::vector<std::string>{} : sheet->rows.front();
    for (std::size_t c = 0; c < header.size(); ++c) {
      auto name = trimmed(header[c]);
      if (name.starts_with("*")) name = trimmed(name.substr(1));
      const SheetColumn* found = nullptr;
      for (const auto& col : spec.columns)
        if (col.header == name) found = &col;
      if (!found && !name.empty())
        out.problems.push_back({{std::string(spec.sheet), 1, column_letters(c), name}, "未知的列“" + name + "”（请使用下载的模板的表头）"});
      at.push_back(found);
    }
    for (const auto& col : spec.columns) {
      bool present = false;
      for (const auto* a : at) present = present || a == &col;
      if (!present) out.problems.push_back({{std::string(spec.sheet), 1, "", std::string(col.header)}, "缺少列“" + std::string(col.header) + "”"});
    }
    for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
      const auto& cells = sheet->rows[r];
      bool empty = true;
      for (const auto& c : cells) empty = empty && trimmed(c).empty();
      if (empty) continue;
      const auto index = items.size();
      const std::string path = "$." + std::string(spec.kind) + "[" + std::to_string(index) + "]";
      out.places[path] = {std::string(spec.sheet), r + 1, "", ""};
      boost::json::object item;
      for (std::size_t c = 0; c < at.size(); ++c) {
        if (!at[c]) continue;
        const auto& col = *at[c];
        const CellPlace place{std::string(spec.sheet), r + 1, column_letters(c), std::string(col.header)};
        out.places[path + "." + std::string(col.field)] = place;
        const auto value = c < cells.size() ? trimmed(cells[c]) : std::string();
        if (value.empty()) continue;  // the import says "必填" where it is
        switch (col.kind) {
          case K::text: item[col.field] = value; break;
          case K::number: {
            boost::system::error_code ec;
            auto v = boost::json::parse(value, ec);
            if (ec || !v.is_number()) out.problems.push_back({place, "应为数字"});
            else item[col.field] = v;
            break;
          }
          case K::date: {
            const auto day = excel_day(value);
            item[col.field] = day.empty() ? value : day;
            break;
          }
          case K::choice: {
            std::string code;
            for (const auto& [label, c2] : col.choices)
              if (value == label || value == c2) code = std::string(c2);
            if (code.empty()) out.problems.push_back({place, "应为 " + std::string(col.note)});
            else item[col.field] = code;
            break;
          }
        }
      }
      items.push_back(std::move(item));
    }
    out.file[spec.kind] = std::move(items);
  }
  return out;
}

std::string place_text(const CellPlace& p) {
  if (p.row == 0) return "工作表“" + p.sheet + "”";
  std::string out = p.sheet + " 第 " + std::to_string(p.row) + " 行";
  if (!p.column.empty()) out += " " + p.column + " 列";
  if (!p.header.empty()) out += "（" + p.header + "）";
  return out;
}

CellPlace place_of(const std::string& path, const std::map<std::string, CellPlace>& places) {
  if (auto it = places.find(path); it != places.end()) return it->second;
  // A field the sheet has no column for: its row.
  if (const auto dot = path.rfind('.'); dot != std::string::npos && dot > 1)
    if (auto it = places.find(path.substr(0, dot)); it != places.end()) return it->second;
  // A whole kind ("$.persons"): its sheet.
  for (const auto& spec : registry_sheets())
    if (path == "$." + std::string(spec.kind)) return {std::string(spec.sheet), 0, "", ""};
  return {"", 0, "", ""};
}

std::string with_places(const std::string& text, const std::map<std::string, CellPlace>& places) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = text.find("$.", i);
    if (start == std::string::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, start - i);
    auto end = start + 2;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '.' ||
                                 text[end] == '[' || text[end] == ']'))
      ++end;
    const auto path = text.substr(start, end - start);
    const auto p = place_of(path, places);
    out += p.sheet.empty() ? path : place_text(p);
    i = end;
  }
  return out;
}

void sort_by_place(std::vector<std::pair<CellPlace, std::string>>& problems) {
  const auto& sheets = registry_sheets();
  const auto sheet_rank = [&](const std::string& name) {
    for (std::size_t i = 0; i < sheets.size(); ++i)
      if (sheets[i].sheet == name) return i;
    return sheets.size();
  };
  std::stable_sort(problems.begin(), problems.end(), [&](const auto& a, const auto& b) {
    const auto& p = a.first;
    const auto& q = b.first;
    return std::tuple(sheet_rank(p.sheet), p.row, p.column.size(), p.column) < std::tuple(sheet_rank(q.sheet), q.row, q.column.size(), q.column);
  });
}

}  // namespace qsm::domain::registry
