// The demo's workflow records: one declaration accepted three months ago, so a new user can run
// monthly evaluations straight away, one evaluated for five months, ready for completion, and one
// accepted two months ago for suspension, resumption and termination.
#pragma once
#include <boost/json/value.hpp>
#include <string>

#include "service/app.hpp"

namespace qsm::cli {

struct SeededDeclaration {
  std::string registration_no, project_name, accepted_month;
  std::string contractor_manager, contractor_manager_id, supervision_manager, supervision_manager_id;  // site users
};

// Declares, passes and accepts the project of the first construction enterprise's second general
// contract, through the services (audited), at instants before app.clock's now. The clock is
// restored afterwards. A declaration that exists already is left as it is.
SeededDeclaration seed_accepted_declaration(app::App& app, const boost::json::value& registry);
// The third general contract's project, accepted five months ago, with every month up to the last
// due month evaluated, reviewed and filed, and every quarter but the last one registered: ready for
// the last quarter's registration and then 竣工评价.
SeededDeclaration seed_evaluated_declaration(app::App& app, const boost::json::value& registry);
// The fourth general contract's project (PD2026-0112), accepted two months ago, for trying 中止, 恢复
// and 终止.
SeededDeclaration seed_managed_declaration(app::App& app, const boost::json::value& registry);

}  // namespace qsm::cli
