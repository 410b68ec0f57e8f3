// The declaration scope of each role as a WHERE fragment over `declarations d` (SPEC §1 "sees"),
// shared by every aggregate that hangs off a declaration. $1 is the scope's id in every fragment.
#pragma once
#include <cstdint>
#include <string_view>

#include "domain/actor.hpp"

namespace qsm::store {

struct ScopeSql {
  std::string_view where;
  std::int64_t id;
};

// Supervisors and authorities see a declaration once it has been submitted (a draft is the
// contractor's own work).
ScopeSql declaration_scope(const domain::Scope& s);

}  // namespace qsm::store
