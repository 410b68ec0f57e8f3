// SQL text built from the workflow specs: a state code as an SQL string literal, for the filter
// fragments the store builds once (drafts hidden, what awaits a role). Writes bind the state they
// lead to as a parameter instead; no state code is written as a literal in the store.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace qsm::store {

// A state change a write makes, from a workflow's spec: the state the row must be in, and the state it moves to.
struct Move {
  std::string from, to;
};

// 'code'. Codes come from the specs' constexpr tables; anything but [a-z_] is refused (std::logic_error).
std::string quoted(std::string_view code);
// 'a', 'b', …
std::string quoted(std::span<const std::string> codes);
// The projects under management (评价中, the management spec's active status), over `declarations d`.
const std::string& under_management();

}  // namespace qsm::store
