// .xlsx reading: libzip + expat.
#include "print/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <functional>
#include <map>
#include <memory>

#include "domain/error.hpp"

namespace qsm::print {
namespace {

[[noreturn]] void refuse(const std::string& why) { throw Failure(Error::validation_failed, why, boost::json::object{}); }

// A zip archive over the bytes, closed at the end.
class Package {
 public:
  Package(std::string_view bytes, std::size_t max_part) : max_part_(max_part) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) refuse("无法读取文件：不是 .xlsx 工作簿");
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive_) {
      zip_source_free(source);
      zip_error_fini(&error);
      refuse("无法读取文件：不是 .xlsx 工作簿（请用 Excel 或 WPS 另存为 .xlsx 后再上传）");
    }
    zip_error_fini(&error);
  }
  ~Package() {
    if (archive_) zip_discard(archive_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool has(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), 0) >= 0; }

  // The part's bytes; Failure when missing (and `required`) or larger than the limit.
  std::string part(const std::string& name, bool required = true) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive_, name.c_str(), 0, &st) != 0) {
      if (required) refuse("无法读取文件：工作簿缺少 " + name);
      return {};
    }
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_part_) refuse("文件过大：工作簿的 " + name + " 解压后超过上限");
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive_, name.c_str(), 0), &zip_fclose);
    if (!file) refuse("无法读取文件：" + name + " 无法解压");
    std::string out(static_cast<std::size_t>(st.size), '\0');
    zip_int64_t got = 0;
    while (got < static_cast<zip_int64_t>(out.size())) {
      const auto n = zip_fread(file.get(), out.data() + got, out.size() - static_cast<std::size_t>(got));
      if (n <= 0) refuse("无法读取文件：" + name + " 已损坏");
      got += n;
    }
    return out;
  }

 private:
  zip_t* archive_ = nullptr;
  std::size_t max_part_;
};

// One expat pass over a part: start(name, attributes), text and end(name) callbacks with the local
// names (the namespace prefix dropped). No DTD: an entity declaration is refused.
struct XmlHandlers {
  XML_Parser parser = nullptr;
  std::function<void(std::string_view, const char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

std::string_view local(const char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// An entity declaration (the "billion laughs" expansion and external entities start with one) stops the parse.
void refuse_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*, const XML_Char*,
                   const XML_Char*) {
  XML_StopParser(static_cast<XmlHandlers*>(data)->parser, XML_FALSE);
}

void parse_xml(const std::string& xml, const std::string& part, XmlHandlers& h) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> p(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  h.parser = p.get();
  XML_SetUserData(p.get(), &h);
  XML_SetElementHandler(
      p.get(),
      [](void* d, const XML_Char* name, const XML_Char** attrs) {
        auto* hs = static_cast<XmlHandlers*>(d);
        if (hs->start) hs->start(local(name), attrs);
      },
      [](void* d, const XML_Char* name) {
        auto* hs = static_cast<XmlHandlers*>(d);
        if (hs->end) hs->end(local(name));
      });
  XML_SetCharacterDataHandler(p.get(), [](void* d, const XML_Char* s, int len) {
    auto* hs = static_cast<XmlHandlers*>(d);
    if (hs->text) hs->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  XML_SetEntityDeclHandler(p.get(), refuse_entity);
  if (XML_Parse(p.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_ERROR)
    refuse("无法读取文件：" + part + " 格式错误（" + std::string(XML_ErrorString(XML_GetErrorCode(p.get()))) + "）");
}

std::string attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2)
    if (local(attrs[i]) == name) return attrs[i + 1];
  return {};
}

}  // namespace

int column_index(std::string_view reference) {
  int index = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    index = index * 26 + (reference[i] - 'A' + 1);
    if (index > 16384) return -1;
  }
  return i == 0 ? -1 : index - 1;
}

std::vector<XlsxReadSheet> read_xlsx(std::string_view bytes, const XlsxReadLimits& limits) {
  Package pkg(bytes, limits.max_part_bytes);

  // The sheets' names and relationship ids, in order; the relationships' targets.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  {
    XmlHandlers h;
    h.start = [&](std::string_view name, const char** attrs) {
      if (name == "sheet") sheets.emplace_back(attr(attrs, "name"), attr(attrs, "id"));
    };
    parse_xml(pkg.part("xl/workbook.xml"), "xl/workbook.xml", h);
  }
  std::map<std::string, std::string> targets;
  {
    XmlHandlers h;
    h.start = [&](std::string_view name, const char** attrs) {
      if (name == "Relationship") targets[attr(attrs, "Id")] = attr(attrs, "Target");
    };
    parse_xml(pkg.part("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels", h);
  }
  // Shared strings: each <si>'s text runs joined (phonetic runs <rPh> left out).
  std::vector<std::string> shared;
  if (pkg.has("xl/sharedStrings.xml")) {
    std::string current;
    bool in_t = false;
    int phonetic = 0;
    XmlHandlers h;
    h.start = [&](std::string_view name, const char**) {
      if (name == "si") current.clear();
      else if (name == "rPh") ++phonetic;
      else if (name == "t") in_t = phonetic == 0;
    };
    h.end = [&](std::string_view name) {
      if (name == "si") shared.push_back(current);
      else if (name == "rPh") --phonetic;
      else if (name == "t") in_t = false;
    };
    h.text = [&](std::string_view s) {
      if (in_t) current += s;
    };
    parse_xml(pkg.part("xl/sharedStrings.xml"), "xl/sharedStrings.xml", h);
  }

  std::vector<XlsxReadSheet> out;
  for (const auto& [name, id] : sheets) {
    auto target = targets[id];
    if (target.starts_with("/")) target = target.substr(1);
    else target = "xl/" + target;
    XlsxReadSheet sheet{name, {}};
    std::string type, value, inline_text;
    int column = -1;
    std::size_t row = 0;
    bool in_v = false, in_t = false;
    XmlHandlers h;
    h.start = [&](std::string_view el, const char** attrs) {
      if (el == "row") {
        const auto r = attr(attrs, "r");
        row = r.empty() ? row + 1 : static_cast<std::size_t>(std::strtoul(r.c_str(), nullptr, 10));
        if (row == 0 || row > limits.max_rows + 1) refuse("工作表“" + name + "”的行数超过 " + std::to_string(limits.max_rows) + " 行");
      } else if (el == "c") {
        const auto ref = attr(attrs, "r");
        column = ref.empty() ? column + 1 : column_index(ref);
        type = attr(attrs, "t");
        value.clear();
        inline_text.clear();
      } else if (el == "v") {
        in_v = true;
      } else if (el == "t") {
        in_t = true;
      }
    };
    h.text = [&](std::string_view s) {
      if (in_v) value += s;
      else if (in_t) inline_text += s;
    };
    h.end = [&](std::string_view el) {
      if (el == "v") in_v = false;
      else if (el == "t") in_t = false;
      else if (el == "c") {
        if (column < 0 || static_cast<std::size_t>(column) >= limits.max_columns) return;
        std::string text;
        if (type == "s") {
          const auto i = std::strtoul(value.c_str(), nullptr, 10);
          if (value.empty() || i >= shared.size()) refuse("无法读取文件：工作表“" + name + "”引用了不存在的共享字符串");
          text = shared[i];
        } else if (type == "inlineStr") {
          text = inline_text;
        } else if (type == "b") {
          text = value == "1" ? "TRUE" : "FALSE";
        } else {
          text = value;  // a number's stored digits, a formula's cached string ("str"), an error ("e")
        }
        if (text.empty()) return;
        if (sheet.rows.size() < row) sheet.rows.resize(row);
        auto& cells = sheet.rows[row - 1];
        if (cells.size() <= static_cast<std::size_t>(column)) cells.resize(static_cast<std::size_t>(column) + 1);
        cells[static_cast<std::size_t>(column)] = std::move(text);
      }
    };
    parse_xml(pkg.part(target), target, h);
    out.push_back(std::move(sheet));
  }
  return out;
}

}  // namespace qsm::print
