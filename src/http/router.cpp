// Path pattern matching.
#include "http/router.hpp"

namespace qsm::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

PathPattern::PathPattern(std::string_view pattern) : text_(pattern) {
  for (auto s : split(pattern)) segments_.emplace_back(s);
}

bool PathPattern::match(std::string_view path, PathParams& out) const {
  // A trailing slash names a different resource; refuse it rather than guess.
  if (path.size() > 1 && path.back() == '/') return false;
  auto parts = split(path);
  if (parts.size() != segments_.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = segments_[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (parts[i].empty()) return false;
      found.emplace_back(std::string_view(seg).substr(1, seg.size() - 2), std::string(parts[i]));
    } else if (seg != parts[i]) {
      return false;
    }
  }
  out = std::move(found);
  return true;
}

std::string_view path_param(const PathParams& p, std::string_view name) {
  for (const auto& [k, v] : p)
    if (k == name) return v;
  return {};
}

}  // namespace qsm::http
