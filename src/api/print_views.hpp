// What the printed forms show, filled from what the services read: print/ knows neither the store's
// rows nor the services, only its own view types.
#pragma once
#include <optional>
#include <vector>

#include "print/completion_form.hpp"
#include "print/declaration_form.hpp"
#include "print/monthly_form.hpp"
#include "print/trail.hpp"
#include "service/audit_service.hpp"
#include "service/completion_service.hpp"
#include "service/declaration_service.hpp"
#include "service/monthly_service.hpp"
#include "service/photo_service.hpp"
#include "service/registry_service.hpp"

namespace qsm::api {

print::DeclarationForm declaration_form(const store::DeclarationRow& d, const std::optional<store::ProjectRow>& project);
print::MonthlyForm monthly_form(const store::MonthlyRow& m);
// A photo as the 月度评价表 prints it (issue 23).
print::PrintedPhoto photo_print(const store::PhotoRow& p, std::string thumbnail);
print::CompletionForm completion_form(const service::CompletionDetail& d);
std::vector<print::TrailEntry> trail_of(const std::vector<store::AuditRecord>& audit);

}  // namespace qsm::api
