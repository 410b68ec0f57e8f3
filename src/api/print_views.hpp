// What the printed forms show, filled from what the services read: print/ knows neither the store's
// rows nor the services, only its own view types.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "http/message.hpp"

#include "print/completion_form.hpp"
#include "print/declaration_form.hpp"
#include "print/monthly_form.hpp"
#include "print/trail.hpp"
#include "service/audit_service.hpp"
#include "service/completion_service.hpp"
#include "service/declaration_service.hpp"
#include "service/document_service.hpp"
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

// The scheme and host printed documents' QR codes point at: --public-url, else the printing
// request's own (https when it came by TLS or a trusted proxy says so; a host of plain characters).
std::string public_origin(const Context& ctx);

// A registered printout answered as an inline PDF: it is given its number and code, rendered with
// them (render), and its SHA-256 is kept for the verification page. The number is also in the
// X-Document-Number header.
http::Response printed_pdf(Context& ctx, service::DocumentKind kind, std::int64_t entity_id, std::int64_t version,
                           const std::string& filename, const std::function<std::string(const print::DocumentMark&)>& render);

}  // namespace qsm::api
