// Matching "METHOD /api/declarations/{id}/submit" patterns; the route table itself is data in src/api.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qsm::http {

using PathParams = std::vector<std::pair<std::string_view, std::string>>;

// Splits a pattern once; matching a path is then a walk over its segments.
class PathPattern {
 public:
  explicit PathPattern(std::string_view pattern);
  bool match(std::string_view path, PathParams& out) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<std::string> segments_;  // "{name}" for a parameter
};

std::string_view path_param(const PathParams& p, std::string_view name);

}  // namespace qsm::http
