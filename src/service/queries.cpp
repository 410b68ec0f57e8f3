// The API's reads, each in the actor's scope.
#include "service/queries.hpp"

#include "domain/workflow/monthly.hpp"

namespace qsm::service::query {
namespace {

template <class F>
auto read(app::App& app, F f) {
  return app.db->read([&](store::Connection& c) { return f(c); });
}

}  // namespace

store::DeclarationPage declarations(app::App& app, const domain::Actor& actor, const store::DeclarationQuery& q) {
  return read(app, [&](auto& c) { return store::list_declarations(c, domain::Scope::of(actor), q); });
}
void each_declaration(app::App& app, const domain::Actor& actor, const store::DeclarationQuery& q,
                      const std::function<void(const store::DeclarationRow&)>& on_row) {
  read(app, [&](auto& c) { return store::each_declaration(c, domain::Scope::of(actor), q, on_row), 0; });
}
store::MonthlyPage monthly(app::App& app, const domain::Actor& actor, const store::MonthlyQuery& q) {
  return read(app, [&](auto& c) { return store::list_monthly(c, domain::Scope::of(actor), q); });
}
void each_monthly(app::App& app, const domain::Actor& actor, const store::MonthlyQuery& q, const std::function<void(const store::MonthlyRow&)>& on_row) {
  read(app, [&](auto& c) { return store::each_monthly(c, domain::Scope::of(actor), q, on_row), 0; });
}
store::QuarterlyPage quarterly(app::App& app, const domain::Actor& actor, const store::QuarterlyQuery& q) {
  return read(app, [&](auto& c) { return store::list_quarterly(c, domain::Scope::of(actor), q); });
}
void each_quarterly(app::App& app, const domain::Actor& actor, const store::QuarterlyQuery& q,
                    const std::function<void(const store::QuarterlyRow&)>& on_row) {
  read(app, [&](auto& c) { return store::each_quarterly(c, domain::Scope::of(actor), q, on_row), 0; });
}
store::CompletionPage completions(app::App& app, const domain::Actor& actor, const store::ListQuery& q) {
  return read(app, [&](auto& c) { return store::list_completions(c, domain::Scope::of(actor), q); });
}
void each_completion(app::App& app, const domain::Actor& actor, const store::ListQuery& q,
                     const std::function<void(const store::CompletionRow&)>& on_row) {
  read(app, [&](auto& c) { return store::each_completion(c, domain::Scope::of(actor), q, on_row), 0; });
}
store::RequestPage requests(app::App& app, const domain::Actor& actor, store::RequestFamily f, const store::RequestQuery& q) {
  return read(app, [&](auto& c) { return store::list_requests(c, domain::Scope::of(actor), f, q); });
}
void each_request(app::App& app, const domain::Actor& actor, store::RequestFamily f, const store::RequestQuery& q,
                  const std::function<void(const store::RequestRow&)>& on_row) {
  read(app, [&](auto& c) { return store::each_request(c, domain::Scope::of(actor), f, q, on_row), 0; });
}
store::ProjectPage projects(app::App& app, const domain::Actor& actor, const store::ProjectQuery& q) {
  return read(app, [&](auto& c) { return store::list_projects(c, domain::Scope::of(actor), q); });
}

std::optional<store::ProjectRow> project(app::App& app, std::int64_t project_id) {
  return read(app, [&](auto& c) { return store::list_projects_by_id(c, project_id); });
}
std::vector<store::AuditRecord> trail(app::App& app, std::string_view entity, std::int64_t id) {
  return read(app, [&](auto& c) { return store::audit_of_entity(c, entity, id); });
}
std::vector<store::AuditRecord> declaration_trail(app::App& app, std::int64_t declaration_id) {
  return read(app, [&](auto& c) { return store::audit_of_declaration(c, declaration_id); });
}
std::vector<store::MonthlyRow> months_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  return read(app, [&](auto& c) { return store::monthly_of_declaration(c, domain::Scope::of(actor), declaration_id); });
}
std::vector<store::QuarterlyRow> quarters_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  return read(app, [&](auto& c) { return store::quarterly_of_declaration(c, domain::Scope::of(actor), declaration_id); });
}
std::vector<store::SpotCheckSummary> spot_checks_of(app::App& app, std::int64_t declaration_id) {
  return read(app, [&](auto& c) { return store::spot_checks_of_declaration(c, declaration_id); });
}

DeclarationRecords records_of(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, std::int64_t project_id) {
  const auto scope = domain::Scope::of(actor);
  return read(app, [&](auto& c) {
    DeclarationRecords out{store::list_projects_by_id(c, project_id), {}, store::monthly_of_declaration(c, scope, declaration_id),
                           store::quarterly_of_declaration(c, scope, declaration_id)};
    namespace dm = domain::monthly;
    for (auto& a : store::audit_of_declaration(c, declaration_id))
      if (scope.sees_drafts || a.entry.entity != dm::kSpec.m.entity || a.entry.to_state != dm::to_string(dm::State::draft))
        out.trail.push_back(std::move(a));
    return out;
  });
}

store::DashboardStats dashboard(app::App& app, const domain::Actor& actor, store::DashboardView view) {
  return read(app, [&](auto& c) { return store::dashboard_stats(c, domain::Scope::of(actor), view); });
}

store::MeDetails me(app::App& app, const domain::Actor& actor) {
  return read(app, [&](auto& c) { return store::me_details(c, actor); });
}
std::optional<store::Account> account(app::App& app, std::int64_t account_id) {
  return read(app, [&](auto& c) { return store::find_account_by_id(c, account_id); });
}

std::optional<store::StoredTemplate> template_of(app::App& app, std::string_view code, std::int64_t version) {
  return read(app, [&](auto& c) { return store::find_template(c, code, version); });
}
std::optional<store::StoredTemplate> current_template(app::App& app) {
  return read(app, [&](auto& c) { return store::current_template(c); });
}
store::RegistryCounts registry_counts(app::App& app) {
  return read(app, [&](auto& c) { return store::registry_counts(c); });
}
bool on_sqlite(app::App& app) { return app.db->dialect() == store::Dialect::sqlite; }

}  // namespace qsm::service::query
