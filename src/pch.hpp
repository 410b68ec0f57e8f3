// Precompiled header of every layer but http (which adds Beast and Asio to it), the tests and the
// tools: the standard library and Boost.JSON, which most files use.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/json.hpp>
