// Declaration persistence: scoped reads, optimistic-version writes, the list query.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct ManagerRef {
  std::int64_t person_id = 0;
  std::string name, mobile;
};

struct DeclarationRow {
  std::int64_t id = 0, version = 0, project_id = 0;
  std::string status;
  std::optional<std::string> management_status;
  std::int64_t contractor_enterprise_id = 0;
  std::optional<std::int64_t> supervisor_enterprise_id;
  std::int64_t authority_id = 0;
  std::string quality_target, planned_start, planned_finish, overview;
  ManagerRef contractor_manager, supervision_manager;
  std::optional<std::string> returned_by_role, returned_by_name, returned_opinion;
  std::optional<std::int64_t> returned_at;
  std::optional<std::string> accept_opinion;
  std::optional<std::int64_t> accepted_at;
  std::optional<std::int64_t> template_id;
  std::optional<std::string> template_code;
  std::optional<std::int64_t> template_version;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> submitted_at;
  std::int64_t updated_at = 0;
  // Registry data shown with it.
  std::string registration_no, project_name, address, district, authority_code, authority_name, structure_type;
  std::int64_t floor_area_centi = 0;
  std::string project_planned_start, project_planned_finish;
  std::string general_report_no, general_uscc, general_name;
  std::optional<std::string> supervision_report_no, supervision_uscc, supervision_name;
  // Its completion evaluation (竣工评价), once applied for.
  std::optional<std::int64_t> completion_id;
  std::optional<std::string> completion_status;
  // The request in progress (suspension, termination or completion), the latest suspension or
  // resumption request and the termination request.
  std::optional<std::string> open_request;
  struct Suspension {
    std::int64_t id = 0;
    std::string kind, status, date;
  };
  std::optional<Suspension> suspension;
  struct Termination {
    std::int64_t id = 0;
    std::string status;
  };
  std::optional<Termination> termination;
  bool stop_work = false;  // an open 停工整改 rectification order (issue 24)
  // The supervisor's 通过 of the current round (issue 26): read by declaration_review, for the
  // declaration's detail, summary and print only (the lists do not carry it).
  struct Review {
    std::optional<std::string> opinion;
    std::string reviewer;
    std::int64_t at = 0;
  };
  std::optional<Review> review;
};

// The declaration if the scope sees it (nullopt means 404 to the caller).
std::optional<DeclarationRow> find_declaration(Connection& c, const domain::Scope& scope, std::int64_t id);

struct DeclarationQuery : ListQuery {
  std::optional<std::int64_t> from_ms, to_ms;  // created_at range, [from, to)
};
bool valid_declaration_sort(std::string_view sort);
using DeclarationPage = Page<DeclarationRow>;
DeclarationPage list_declarations(Connection& c, const domain::Scope& scope, const DeclarationQuery& q);
// Every row of the query (for export), streamed.
void each_declaration(Connection& c, const domain::Scope& scope, const DeclarationQuery& q,
                      const std::function<void(const DeclarationRow&)>& on_row);

// What a new declaration needs from the registry: the project's contracts, in the caller's scope.
struct DeclarableProject {
  std::int64_t project_id = 0, authority_id = 0, contractor_enterprise_id = 0;
  std::optional<std::int64_t> supervisor_enterprise_id;
  bool has_declaration = false;
};
std::optional<DeclarableProject> declarable_project(Connection& c, std::int64_t project_id, std::int64_t contractor_enterprise_id);
// The person with this name and mobile in the real-name registry.
std::optional<std::int64_t> person_by_name_mobile(Connection& c, std::string_view name, std::string_view mobile);

// The enterprises holding a project's contracts now, and the managers the contracts name (issue 26:
// a declaration's managers are picked from the persons of these enterprises). nullopt: no such
// project, or one without a general contract.
struct ContractHolders {
  std::int64_t general_enterprise_id = 0, general_manager_id = 0;
  std::optional<std::int64_t> supervision_enterprise_id, supervision_manager_id;
};
std::optional<ContractHolders> contract_holders(Connection& c, std::int64_t project_id);
// The real-name registry's persons of one enterprise: the one named `first` (the contract's manager)
// first, then by name. Their mobiles are for masking by the caller; ID numbers are not read.
std::vector<ManagerRef> enterprise_persons(Connection& c, std::int64_t enterprise_id, std::int64_t first);
// Whether the person is registered with that enterprise.
bool person_of_enterprise(Connection& c, std::int64_t person_id, std::int64_t enterprise_id);

struct DeclarationFields {
  std::string quality_target, planned_start, planned_finish, overview;
  std::int64_t contractor_manager_id = 0, supervision_manager_id = 0;
};
// `status`: the state a new declaration starts in (from the workflow's spec).
std::int64_t insert_declaration(Connection& c, const DeclarableProject& p, const DeclarationFields& f, std::int64_t now_ms,
                                const std::string& status);
// Each write checks the version read; false means someone else changed it first (409 conflict).
bool update_declaration_fields(Connection& c, std::int64_t id, std::int64_t version, const DeclarationFields& f, std::int64_t now_ms);
bool delete_declaration(Connection& c, std::int64_t id, std::int64_t version);

struct StateChange {
  std::string status;
  std::optional<std::string> management_status;
  std::optional<std::string> returned_by_role, returned_by_name, returned_opinion;
  std::optional<std::int64_t> returned_at;
  std::optional<std::string> accept_opinion;
  std::optional<std::int64_t> accepted_at, submitted_at, template_id;
  std::optional<std::int64_t> supervision_manager_id;  // the supervisor's correction while passing
  // The review of the round: written (set, or cleared with nullopt) when `review_written`.
  bool review_written = false;
  std::optional<DeclarationRow::Review> review;
};
bool update_declaration_state(Connection& c, std::int64_t id, std::int64_t version, const StateChange& s, std::int64_t now_ms);
// The supervisor's review of the declaration's current round, if it has one.
std::optional<DeclarationRow::Review> declaration_review(Connection& c, std::int64_t id);

// Projects a contractor may still declare: the scope's projects without a declaration.
bool project_has_declaration(Connection& c, std::int64_t project_id);

}  // namespace qsm::store
