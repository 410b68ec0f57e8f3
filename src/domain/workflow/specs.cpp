// The list of every workflow spec.
#include "domain/workflow/specs.hpp"

#include <array>

#include "domain/spot_check.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/workflow/rectification.hpp"

namespace qsm::domain::workflow {
namespace {

constexpr std::array<const Machine*, 11> kMachines{
    &declaration::kSpec.m,         &management::kStatusSpec.m,      &monthly::kSpec.m,
    &quarterly::kSpec.m,           &completion::kSpec.m,            &management::kSuspensionSpec.m,
    &management::kResumptionSpec.m, &management::kTerminationSpec.m, &spot_check::kSpec.m,
    &management::kRequestSpec.m,   &rectification::kSpec.m,
};

}  // namespace

std::span<const Machine* const> all_machines() { return kMachines; }

const Machine* machine_of(std::string_view entity) {
  for (const auto* m : kMachines)
    if (m->entity == entity) return m;
  return nullptr;
}

}  // namespace qsm::domain::workflow
