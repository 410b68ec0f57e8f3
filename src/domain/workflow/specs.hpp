// Every workflow spec, for what reads them all: the dictionary, the audit trail's labels, the checks.
#pragma once
#include <span>
#include <string_view>

#include "domain/workflow/spec.hpp"

namespace qsm::domain::workflow {

// declaration, management, monthly_evaluation, quarterly_registration, completion, suspension,
// resumption, termination, spot_check — and `request`, the kind-independent face of the three requests.
std::span<const Machine* const> all_machines();
// The spec whose audit entity (or dictionary key) is `entity`, or nullptr.
const Machine* machine_of(std::string_view entity);

}  // namespace qsm::domain::workflow
