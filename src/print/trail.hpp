// The record's trail (评价记录) that closes every printed form: time, action, who, note.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"
#include "print/pdf.hpp"

namespace qsm::print {

// One record of a form's trail, as the caller read it from the audit log.
struct TrailEntry {
  domain::Instant at;
  std::string action;  // the action's code; the form names it
  std::string actor_name;
  std::optional<std::string> organisation;
  std::optional<std::string> from_state, to_state, opinion;  // state codes; the form names them
};

// "2026-03-15 09:30" (Shanghai time).
std::string stamp(domain::Instant t);
void audit_trail(PdfDocument& doc, const std::vector<TrailEntry>& trail, std::string_view (*action_label)(std::string_view));

}  // namespace qsm::print
