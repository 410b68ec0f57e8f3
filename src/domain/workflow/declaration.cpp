// The declaration's audit-trail labels: its spec's, then the management changes recorded on it.
#include "domain/workflow/declaration.hpp"

#include "domain/workflow/management.hpp"

namespace qsm::domain::declaration {

std::string_view audit_action_label(std::string_view code) {
  auto own = kSpec.m.action_label(code);
  return own != code ? own : management::kStatusSpec.m.action_label(code);
}

std::string_view state_label(std::string_view code) {
  auto own = kSpec.m.state_label(code);
  return own != code ? own : management::kStatusSpec.m.state_label(code);
}

}  // namespace qsm::domain::declaration
