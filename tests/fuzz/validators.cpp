// Fuzz target: the registry import (SPEC §6) and scoring template validators. The first byte picks
// which; the rest is the file. An accepted template must survive its own canonical form unchanged
// (to_json → parse → to_json), since that is what the store keeps and serves.
#include <boost/json.hpp>

#include "domain/registry.hpp"
#include "domain/scoring/template.hpp"
#include "fuzz.hpp"
#include "domain/json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qsm;
  if (size < 1) return 0;
  boost::json::value root;
  try {
    root = json::parse_body(fuzz::text(data + 1, size - 1));
  } catch (const Failure&) {
    return 0;
  }
  if (data[0] & 1) {
    fuzz::refused_or_ok("registry::parse", [&] { domain::registry::parse(root); });
  } else {
    fuzz::refused_or_ok("scoring::parse_template", [&] {
      auto parsed = domain::scoring::parse_template(root);
      if (!parsed.problems.empty()) return;
      auto canonical = domain::scoring::to_json(parsed.tmpl);
      auto again = domain::scoring::parse_template(canonical);
      if (!again.problems.empty()) fuzz::found("template round trip", "the canonical form of an accepted template is refused");
      if (domain::scoring::to_json(again.tmpl) != canonical) fuzz::found("template round trip", "the canonical form changed");
    });
  }
  return 0;
}
