// The declaration scope of each role as a WHERE fragment over `declarations d` (SPEC §1 "sees"),
// shared by every aggregate that hangs off a declaration. $1 is the scope's id in every fragment.
#pragma once
#include <cstdint>
#include <string>
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

// The query form every workflow list shares; each list adds its own ranges.
struct ListQuery {
  std::string q;                // 工程名称 or 报监编号 contains
  std::string status, district;  // exact, empty for any
  std::string sort;             // one of the list's sort keys; empty for its default order
  int page = 1, page_size = 20;
};

}  // namespace qsm::store
