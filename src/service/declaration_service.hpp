// The declaration workflow (SPEC §3.1): every change goes through one transaction that reads the
// record in the caller's scope, lets the domain decide, writes with the version read, and audits.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/workflow/declaration.hpp"
#include "store/declaration_store.hpp"

namespace qsm::service {

// A manager is typed (name + full mobile, matched anywhere in the real-name registry: the 监理's
// correction while reviewing, and the API's first form) or picked (issue 26: `person_id`, one of the
// persons of that contract's enterprise that declaration_managers lists).
struct ManagerInput {
  std::string name, mobile;
  std::optional<std::int64_t> person_id = std::nullopt;  // picked from the registry (the form); else name + mobile
};

struct DeclarationInput {
  std::int64_t project_id = 0;  // create only
  std::string quality_target, planned_start, planned_finish, overview;
  std::optional<ManagerInput> contractor_manager, supervision_manager;  // optional on update: keep
};

store::DeclarationRow get_declaration(app::App& app, const domain::Actor& actor, std::int64_t id);
store::DeclarationRow create_declaration(app::App& app, const domain::Actor& actor, const DeclarationInput& in);
store::DeclarationRow update_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                         const DeclarationInput& in);
void delete_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version);

// The persons a declaration of the contractor's project may name (issue 26): those of the enterprise
// holding each contract, the contract's own manager first; empty for a contract the project lacks.
// 404 for a project whose general contract is not the actor's enterprise's.
struct ManagerChoices {
  std::vector<store::ManagerRef> general, supervision;
  std::int64_t general_manager_id = 0, supervision_manager_id = 0;  // the contracts' managers (0: none)
};
ManagerChoices declaration_managers(app::App& app, const domain::Actor& actor, std::int64_t project_id);

struct ActionInput {
  std::int64_t version = 0;
  std::string opinion;
  std::optional<ManagerInput> supervision_manager;  // pass: the supervisor's correction
};
// The checks of an action without taking it (404, 403, 409, the corrected manager's 422), for a
// form's check of a field as it is left: nothing is written but the misses' count.
void check_declaration_action(app::App& app, const domain::Actor& actor, std::int64_t id, domain::declaration::Action action,
                              const ActionInput& in);
// submit, return, pass, accept, reject.
store::DeclarationRow act_on_declaration(app::App& app, const domain::Actor& actor, std::int64_t id, domain::declaration::Action action,
                                         const ActionInput& in);

}  // namespace qsm::service
