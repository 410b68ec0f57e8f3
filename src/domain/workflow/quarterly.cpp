// Quarterly registration: what a month filed does to its quarter.
#include "domain/workflow/quarterly.hpp"

namespace qsm::domain::quarterly {

std::optional<std::string_view> on_month_filed(std::optional<State> current) {
  if (!current) return kSpec.m.events[0].code;  // "open"
  if (const auto* t = kSpec.system_step(*current, Action::reopen)) return kSpec.code(static_cast<Action>(t->action));
  return std::nullopt;
}

}  // namespace qsm::domain::quarterly
