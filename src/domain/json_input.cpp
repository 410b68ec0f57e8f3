// Body parser and field reader.
#include "domain/json_input.hpp"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

#include "domain/error.hpp"
#include "util/json.hpp"

namespace qsm::json {
namespace {

// Walks a document's events only to find an object that names a key twice: Boost.JSON keeps the last
// value silently, and two readers of one request (a proxy, a log, this server) could then disagree.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  using ec_t = boost::system::error_code;

  std::optional<std::string> duplicate;

  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_object_begin(ec_t&) {
    open_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, ec_t&) {
    open_.pop_back();
    return true;
  }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_key_part(std::string_view part, std::size_t, ec_t&) {
    key_.append(part);
    return true;
  }
  bool on_key(std::string_view part, std::size_t, ec_t& ec) {
    key_.append(part);
    if (!open_.back().insert(key_).second) {
      duplicate = std::move(key_);
      ec = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_string_part(std::string_view, std::size_t, ec_t&) { return true; }
  bool on_string(std::string_view, std::size_t, ec_t&) { return true; }
  bool on_number_part(std::string_view, ec_t&) { return true; }
  bool on_int64(std::int64_t, std::string_view, ec_t&) { return true; }
  bool on_uint64(std::uint64_t, std::string_view, ec_t&) { return true; }
  bool on_double(double, std::string_view, ec_t&) { return true; }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(std::string_view, ec_t&) { return true; }
  bool on_comment(std::string_view, ec_t&) { return true; }

 private:
  std::vector<std::unordered_set<std::string>> open_;
  std::string key_;
};

std::optional<std::string> duplicate_key(std::string_view body, const boost::json::parse_options& opt) {
  boost::json::basic_parser<DuplicateKeyFinder> parser(opt);
  boost::system::error_code ec;
  parser.write_some(false, body.data(), body.size(), ec);
  return std::move(parser.handler().duplicate);
}

}  // namespace

boost::json::value parse_body(std::string_view body) {
  if (body.empty()) throw Failure(Error::bad_request, "请求体为空，需要 JSON 对象");
  boost::json::parse_options opt;
  opt.max_depth = 32;
  boost::system::error_code ec;
  boost::json::monotonic_resource mr;
  auto v = boost::json::parse(body, ec, {}, opt);
  if (ec) {
    // The parser's own words are English and name its internals; the client gets what to fix.
    std::string reason = "语法错误，或字符串中含非法 UTF-8";
    if (ec == boost::json::error::incomplete) reason = "内容不完整（可能被截断）";
    else if (ec == boost::json::error::extra_data) reason = "JSON 结束后还有多余内容";
    else if (ec == boost::json::error::too_deep) reason = "嵌套超过 32 层";
    throw Failure(Error::bad_request, "请求体不是有效的 JSON：" + reason, boost::json::object{{"reason", reason}});
  }
  if (auto key = duplicate_key(body, opt)) {
    const std::string reason = "同一对象中字段“" + (is_plain_text(*key) && key->size() <= 64 ? *key : std::string("…")) + "”出现了两次";
    throw Failure(Error::bad_request, "请求体不是有效的 JSON：" + reason, boost::json::object{{"reason", reason}});
  }
  return v;
}

FieldReader::FieldReader(const boost::json::value& v, std::string path, domain::Problems& problems)
    : path_(std::move(path)), problems_(problems) {
  if (v.is_object())
    obj_ = &v.get_object();
  else
    problems_.add(path_, "应为 JSON 对象");
}

const boost::json::value* FieldReader::field(std::string_view key) const {
  if (!obj_) return nullptr;
  auto* v = obj_->if_contains(key);
  return (v && !v->is_null()) ? v : nullptr;
}

std::optional<std::string> FieldReader::text(std::string_view key, TextRule rule) {
  if (!obj_) return std::nullopt;
  const auto* v = field(key);
  if (!v) {
    if (rule.required) problems_.add(path_of(key), "必填");
    return std::nullopt;
  }
  if (!v->is_string()) {
    problems_.add(path_of(key), "应为字符串");
    return std::nullopt;
  }
  std::string s(v->get_string());
  // Surrounding blanks are never meaningful in registry or form text.
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
  if (s.empty()) {
    if (rule.required) problems_.add(path_of(key), "必填，不能为空");
    return rule.required ? std::nullopt : std::optional<std::string>(std::string{});
  }
  if (has_control_chars(s, rule.multiline)) {
    problems_.add(path_of(key), "含有不允许的控制字符");
    return std::nullopt;
  }
  if (has_invisible_format_chars(s)) {
    problems_.add(path_of(key), "含有不可见的格式字符（零宽字符或文字方向控制符），请删除后重新输入");
    return std::nullopt;
  }
  if (utf8_length(s) > rule.max) {
    problems_.add(path_of(key), "长度不能超过 " + std::to_string(rule.max) + " 个字符");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, std::int64_t min, std::int64_t max, bool required) {
  if (!obj_) return std::nullopt;
  const auto* v = field(key);
  if (!v) {
    if (required) problems_.add(path_of(key), "必填");
    return std::nullopt;
  }
  std::int64_t i;
  if (v->is_int64()) {
    i = v->get_int64();
  } else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() && std::fabs(v->get_double()) < 9e15) {
    i = static_cast<std::int64_t>(v->get_double());
  } else {
    problems_.add(path_of(key), "应为整数");
    return std::nullopt;
  }
  if (i < min || i > max) {
    problems_.add(path_of(key), "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
    return std::nullopt;
  }
  return i;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  if (!obj_) return std::nullopt;
  const auto* v = field(key);
  if (!v) {
    if (required) problems_.add(path_of(key), "必填");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    problems_.add(path_of(key), "应为 true 或 false");
    return std::nullopt;
  }
  return v->get_bool();
}

void FieldReader::reject_unknown(std::initializer_list<std::string_view> known) {
  if (!obj_) return;
  for (const auto& kv : *obj_) {
    bool ok = false;
    for (auto k : known) ok = ok || kv.key() == k;
    if (!ok) problems_.add(path_of(kv.key()), "未知字段");
  }
}

}  // namespace qsm::json
