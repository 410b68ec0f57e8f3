// Fuzz target: the JSON command bodies. One input is parsed as a request body and handed to every
// command parser (declarations, monthly sheets, quarterly and completion registrations, suspension
// and termination requests, bare {version}); a sheet that parses is then checked and scored against
// the demo template, as a save would be.
#include <boost/json.hpp>

#include "api/completions/codec.hpp"
#include "api/declarations/codec.hpp"
#include "api/monthly/codec.hpp"
#include "api/quarterly/codec.hpp"
#include "api/requests/codec.hpp"
#include "api/values.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/scoring/template.hpp"
#include "fuzz.hpp"
#include "util/embedded.hpp"
#include "domain/json_input.hpp"

namespace {

using namespace qsm;

const domain::scoring::Template& demo_template() {
  static const auto t = domain::scoring::parse_template(json::parse_body(*embedded::find("SH-QS-1.json"))).tmpl;
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::json::value body;
  try {
    body = json::parse_body(fuzz::text(data, size));
  } catch (const Failure&) {
    return 0;  // not JSON: 400 before any parser
  }
  std::int64_t version = 0;
  fuzz::refused_or_ok("declarations::parse_input(create)", [&] { api::declarations::parse_input(body, true); });
  fuzz::refused_or_ok("declarations::parse_input(update)", [&] { api::declarations::parse_input(body, false, &version); });
  fuzz::refused_or_ok("declarations::parse_action", [&] { api::declarations::parse_action(body, true); });
  fuzz::refused_or_ok("declarations::parse_action(no manager)", [&] { api::declarations::parse_action(body, false); });
  fuzz::refused_or_ok("completions::parse_fields", [&] { api::completions::parse_fields(body, true, &version); });
  fuzz::refused_or_ok("completions::parse_review", [&] { api::completions::parse_review(body); });
  fuzz::refused_or_ok("completions::parse_register", [&] { api::completions::parse_register(body); });
  fuzz::refused_or_ok("quarterly::parse_registration", [&] { api::quarterly::parse_registration(body); });
  fuzz::refused_or_ok("requests::parse_suspension", [&] { api::requests::parse_suspension(body); });
  fuzz::refused_or_ok("requests::parse_termination", [&] { api::requests::parse_termination(body); });
  fuzz::refused_or_ok("requests::parse_step", [&] { api::requests::parse_step(body); });
  fuzz::refused_or_ok("parse_version", [&] { api::parse_version(body); });
  for (bool preview : {false, true}) {
    fuzz::refused_or_ok("monthly::parse_sheet + evaluate", [&] {
      auto sheet = api::monthly::parse_sheet(body, preview);
      domain::Problems problems;
      domain::scoring::History history;
      for (const auto& d : sheet.input.deductions) history[d.clause] = 3;  // later occurrences weigh more
      auto result = domain::scoring::evaluate(demo_template(), sheet.input, history, problems, !preview);
      if (!problems.empty()) return;
      // What SPEC §3.4 guarantees of any accepted sheet.
      if (result.possible.v <= 0) fuzz::found("evaluate", "a sheet with nothing applicable was accepted");
      if (result.actual.v < 0 || result.actual > result.possible) fuzz::found("evaluate", "实得分 outside 0 … 应得分");
      if (result.score.hundredths() < 0 || result.score.hundredths() > 10000) fuzz::found("evaluate", "score outside 0 … 100");
    });
  }
  return 0;
}
