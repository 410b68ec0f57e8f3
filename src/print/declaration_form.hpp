// 申报表: the printed declaration form.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/audit.hpp"
#include "store/declaration_store.hpp"
#include "store/registry_store.hpp"

namespace qsm::print {

std::string declaration_pdf(const store::DeclarationRow& d, const std::optional<store::ProjectRow>& project,
                            const std::vector<store::AuditRecord>& audit, domain::Instant printed_at);

}  // namespace qsm::print
