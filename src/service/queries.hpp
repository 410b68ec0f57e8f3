// Every read the API makes (issue 22 item 5), each in the caller's scope: the scope rule (what a role
// sees, drafts being the contractor's own) is chosen here, once, from the actor, and applied by the
// store's fragments; no handler reads the store itself. The rows and query forms are the store's
// types, re-exported by including their headers here.
#pragma once
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "service/app.hpp"
#include "store/audit.hpp"
#include "store/completion_store.hpp"
#include "store/dashboard_store.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"
#include "store/declaration_store.hpp"
#include "store/identity_store.hpp"
#include "store/migrate.hpp"
#include "store/monthly_store.hpp"
#include "store/quarterly_store.hpp"
#include "store/registry_store.hpp"
#include "store/request_store.hpp"
#include "store/spot_check_store.hpp"
#include "store/template_store.hpp"

namespace qsm::service::query {

// The workflow lists: one page, or every row (exports), of what the actor sees.
store::DeclarationPage declarations(app::App& app, const domain::Actor& actor, const store::DeclarationQuery& q);
void each_declaration(app::App& app, const domain::Actor& actor, const store::DeclarationQuery& q,
                      const std::function<void(const store::DeclarationRow&)>& on_row);
store::MonthlyPage monthly(app::App& app, const domain::Actor& actor, const store::MonthlyQuery& q);
void each_monthly(app::App& app, const domain::Actor& actor, const store::MonthlyQuery& q, const std::function<void(const store::MonthlyRow&)>& on_row);
store::QuarterlyPage quarterly(app::App& app, const domain::Actor& actor, const store::QuarterlyQuery& q);
void each_quarterly(app::App& app, const domain::Actor& actor, const store::QuarterlyQuery& q,
                    const std::function<void(const store::QuarterlyRow&)>& on_row);
store::CompletionPage completions(app::App& app, const domain::Actor& actor, const store::ListQuery& q);
void each_completion(app::App& app, const domain::Actor& actor, const store::ListQuery& q,
                     const std::function<void(const store::CompletionRow&)>& on_row);
store::RequestPage requests(app::App& app, const domain::Actor& actor, store::RequestFamily f, const store::RequestQuery& q);
void each_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, const store::RequestQuery& q,
                  const std::function<void(const store::RequestRow&)>& on_row);
store::ProjectPage projects(app::App& app, const domain::Actor& actor, const store::ProjectQuery& q);

// The sort keys each list accepts.
using store::valid_completion_sort;
using store::valid_declaration_sort;
using store::valid_monthly_sort;
using store::valid_project_sort;
using store::valid_quarterly_sort;
using store::valid_request_sort;

// What belongs to a declaration or record the caller has already read in its scope (get_declaration,
// get_monthly …): its project, its trail, its months, quarters and spot-checks as the actor sees them.
std::optional<store::ProjectRow> project(app::App& app, std::int64_t project_id);
std::vector<store::AuditRecord> trail(app::App& app, std::string_view entity, std::int64_t id);
std::vector<store::AuditRecord> declaration_trail(app::App& app, std::int64_t declaration_id);
std::vector<store::MonthlyRow> months_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);
std::vector<store::QuarterlyRow> quarters_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);
std::vector<store::SpotCheckSummary> spot_checks_of(app::App& app, std::int64_t declaration_id);

// A declaration's records for 综合信息, read together: its project, its trail as the actor may see it
// (a month's draft work is the contractor's own until submitted, as the month itself), its months and
// quarters in the actor's scope.
struct DeclarationRecords {
  std::optional<store::ProjectRow> project;
  std::vector<store::AuditRecord> trail;
  std::vector<store::MonthlyRow> months;
  std::vector<store::QuarterlyRow> quarters;
};
DeclarationRecords records_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, std::int64_t project_id);

// The dashboard of the actor's scope.
store::DashboardStats dashboard(app::App& app, const domain::Actor& actor, store::DashboardView view);

// The session's own: its details (/api/me) and its account.
store::MeDetails me(app::App& app, const domain::Actor& actor);
std::optional<store::Account> account(app::App& app, std::int64_t account_id);

// The scoring templates; the registry's size and the database's kind (health).
std::optional<store::StoredTemplate> template_of(app::App& app, std::string_view code, std::int64_t version);
std::optional<store::StoredTemplate> current_template(app::App& app);
store::RegistryCounts registry_counts(app::App& app);
bool on_sqlite(app::App& app);

}  // namespace qsm::service::query
