// The registry workbook (issue 27): columns and dates, headers and rows read into the import's JSON,
// problems told back as places; the .xlsx reader's column letters and a round trip through the
// template writer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/registry_sheets.hpp"
#include "print/xlsx.hpp"
#include "print/xlsx_reader.hpp"

using namespace qsm::domain::registry;

TEST(RegistrySheets, ExcelDaysAndColumnLetters) {
  EXPECT_EQ(excel_day("45915"), "2025-09-15");
  EXPECT_EQ(excel_day("19000"), "");  // 1952: not a project's date, a stray number
  EXPECT_EQ(excel_day("2025-09-15"), "");
  EXPECT_EQ(excel_day("45915.5"), "");
  const struct { const char* ref; int index; } cases[] = {{"A1", 0}, {"Z9", 25}, {"AA2", 26}, {"AZ1", 51}, {"BA1", 52}, {"1", -1}, {"", -1}};
  for (const auto& c : cases) EXPECT_EQ(qsm::print::column_index(c.ref), c.index) << c.ref;
  for (int i : {0, 25, 26, 51, 52, 701, 702}) EXPECT_EQ(qsm::print::column_index(column_letters(static_cast<std::size_t>(i)) + "1"), i);
}

TEST(RegistrySheets, RowsBecomeTheImportsJsonAndProblemsPlaces) {
  std::vector<SheetRows> sheets{
      {"企业", {{"*统一社会信用代码", "*企业名称", "*企业类型"}, {"9131000013229491XF", " 甲公司 ", "施工企业"}, {}, {"X", "乙", "建筑公司"}}},
      {"人员", {{"*身份证号", "*姓名", "*手机号", "*所属企业统一社会信用代码", "备注"}, {"1", "张三", "13800138000", "9131000013229491XF", "x"}}},
      {"工程", {{"*报监编号", "*计划开工日期", "*建筑面积（平方米）"}, {"HP-1", "45915", "abc"}}},
      {"合同", {{"*合同信息报编号"}}},
  };
  const auto read = read_registry_workbook(sheets);
  const auto& e = read.file.at("enterprises").as_array();
  ASSERT_EQ(e.size(), 2u);  // the empty row is skipped
  EXPECT_EQ(e[0].as_object().at("name").as_string(), "甲公司");
  EXPECT_EQ(e[0].as_object().at("kind").as_string(), "construction");
  EXPECT_FALSE(e[1].as_object().contains("kind"));
  EXPECT_EQ(read.file.at("projects").as_array()[0].as_object().at("planned_start").as_string(), "2025-09-15");
  EXPECT_TRUE(read.file.at("authorities").as_array().empty());  // the optional sheet, left out
  std::vector<std::string> said;
  for (const auto& [p, reason] : read.problems) said.push_back(place_text(p) + "：" + reason);
  const std::vector<std::string> expected{
      "企业 第 4 行 C 列（企业类型）：应为 施工企业 或 监理企业",
      "人员 第 1 行 E 列（备注）：未知的列“备注”（请使用下载的模板的表头）",
      "工程 第 1 行（报监编号）：缺少列“工程名称”",
  };
  ASSERT_GE(said.size(), 3u);
  EXPECT_EQ(said[0], expected[0]);
  EXPECT_EQ(said[1], expected[1]);
  EXPECT_NE(std::find(said.begin(), said.end(), "工程 第 2 行 C 列（建筑面积（平方米））：应为数字"), said.end()) << said.size();
  // The empty row 3 of 企业 moves the second record to index 1, row 4.
  EXPECT_EQ(place_text(place_of("$.enterprises[1].uscc", read.places)), "企业 第 4 行 A 列（统一社会信用代码）");
  EXPECT_EQ(place_text(place_of("$.persons[0].unknown", read.places)), "人员 第 2 行");
  EXPECT_EQ(place_text(place_of("$.contracts", read.places)), "工作表“合同”");
  EXPECT_EQ(with_places("身份证号重复（首次出现于 $.persons[0].id_number）", read.places), "身份证号重复（首次出现于 人员 第 2 行 A 列（身份证号））");
  EXPECT_EQ(with_places("no path here", read.places), "no path here");
}

TEST(RegistrySheets, TheTemplateReadsBack) {
  std::vector<qsm::print::TextSheet> sheets;
  for (const auto& spec : registry_sheets()) {
    qsm::print::TextSheet s{std::string(spec.sheet), {}, {}, true};
    std::vector<std::string> example;
    for (const auto& c : spec.columns) {
      s.columns.push_back({header_text(c), 16});
      example.emplace_back(c.example);
    }
    s.rows.push_back(example);
    sheets.push_back(std::move(s));
  }
  const auto bytes = qsm::print::write_text_workbook(sheets);
  std::vector<SheetRows> back;
  for (auto& s : qsm::print::read_xlsx(bytes)) back.push_back({s.name, s.rows});
  const auto read = read_registry_workbook(back);
  EXPECT_TRUE(read.problems.empty()) << place_text(read.problems.front().first) << read.problems.front().second;
  EXPECT_EQ(read.file.at("contracts").as_array()[0].as_object().at("kind").as_string(), "general");
  EXPECT_EQ(read.file.at("persons").as_array()[0].as_object().at("id_number").as_string(), "11010519491231002X");
  EXPECT_THROW(qsm::print::read_xlsx("PK\x03\x04 not a zip"), qsm::Failure);
  EXPECT_THROW(qsm::print::read_xlsx(""), qsm::Failure);
}

TEST(RegistrySheets, ProblemsInTheWorkbooksOrder) {
  std::vector<std::pair<CellPlace, std::string>> problems{
      {{"合同", 3, "B", ""}, "c"}, {{"人员", 5, "AA", ""}, "b3"}, {{"人员", 5, "C", ""}, "b2"}, {{"其他", 1, "", ""}, "z"},
      {{"企业", 2, "", ""}, "a1"}, {{"人员", 5, "", ""}, "b1"}, {{"企业", 2, "D", ""}, "a2"}, {{"人员", 12, "A", ""}, "b4"},
  };
  sort_by_place(problems);
  std::vector<std::string> order;
  for (const auto& [place, reason] : problems) order.push_back(reason);
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "a2", "b1", "b2", "b3", "b4", "c", "z"}));
}
