// A hash of text that lets a map keyed by std::string be looked up with a std::string_view, without
// building a string per lookup (heterogeneous lookup: is_transparent with std::equal_to<>).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qsm::util {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A map from text to T that a std::string_view finds.
template <class T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

}  // namespace qsm::util
