// The declaration workflow (SPEC §3.1): every change goes through one transaction that reads the
// record in the caller's scope, lets the domain decide, writes with the version read, and audits.
#pragma once
#include <optional>
#include <string>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/workflow/declaration.hpp"
#include "store/declaration_store.hpp"

namespace qsm::service {

struct ManagerInput {
  std::string name, mobile;
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
