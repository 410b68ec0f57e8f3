// What every fuzz target shares: expected refusals are qsm::Failure (a 4xx with a Chinese message);
// anything else escaping a parser — a Boost.JSON exception, std::out_of_range — would be a 500 in
// the server, so it stops the run like a crash does.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "domain/error.hpp"

namespace qsm::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

[[noreturn]] inline void found(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "FUZZ FINDING: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(), static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// Runs `f`; a Failure is the expected refusal of bad input, anything else is a finding.
template <class F>
void refused_or_ok(std::string_view what, F&& f) {
  try {
    f();
  } catch (const Failure& f) {
    if (info(f.error()).http_status >= 500) found(what, f.what());
  } catch (const std::exception& e) {
    found(what, e.what());
  }
}

}  // namespace qsm::fuzz
