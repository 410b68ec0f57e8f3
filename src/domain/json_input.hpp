// Reading JSON input: request bodies parsed with limits (bad_request in Chinese when they are not
// JSON), and a field reader that collects every problem with its path (domain::Problems). In the
// domain because the domain's own validators (registry files, scoring templates) read with it.
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/problems.hpp"

namespace qsm::json {

// Parses a request body; Failure(bad_request) with a Chinese message when it is not JSON.
boost::json::value parse_body(std::string_view body);

struct TextRule {
  std::size_t max = 200;    // code points
  bool required = true;     // absent, null or only spaces is a problem
  bool multiline = false;   // allows \n and \t
};

// Reads the fields of one JSON object, recording a problem (path + reason) for each bad one.
class FieldReader {
 public:
  FieldReader(const boost::json::value& v, std::string path, domain::Problems& problems);
  bool ok() const { return obj_ != nullptr; }
  const boost::json::object* object() const { return obj_; }
  std::string path_of(std::string_view key) const { return path_ + "." + std::string(key); }

  std::optional<std::string> text(std::string_view key, TextRule rule = {});
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max, bool required = true);
  std::optional<bool> boolean(std::string_view key, bool required = true);
  const boost::json::value* field(std::string_view key) const;
  // Records an "unknown field" problem for every key not in `known`.
  void reject_unknown(std::initializer_list<std::string_view> known);

 private:
  const boost::json::object* obj_ = nullptr;
  std::string path_;
  domain::Problems& problems_;
};

}  // namespace qsm::json
