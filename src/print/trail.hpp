// The record's trail (评价记录) that closes every printed form: time, action, who, note.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "print/pdf.hpp"
#include "store/audit.hpp"

namespace qsm::print {

// "2026-03-15 09:30" (Shanghai time).
std::string stamp(domain::Instant t);
void audit_trail(PdfDocument& doc, const std::vector<store::AuditRecord>& audit, std::string_view (*action_label)(std::string_view));

}  // namespace qsm::print
