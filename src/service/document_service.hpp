// Printed documents that can be checked against the live record (issue 26): every printout gets a
// document number and a random 128-bit code for its QR code; the public verification page finds the
// printout by the code and shows what the record is now.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "service/app.hpp"

namespace qsm::service {

enum class DocumentKind { declaration, monthly, completion, rectification, spot_check };

std::string_view to_string(DocumentKind k);  // "declaration", …
std::string_view label(DocumentKind k);      // 申报表, 月度评价表, 竣工评价表, 整改指令单, 抽查比对记录

struct IssuedDocument {
  std::int64_t id = 0;
  std::string code;    // 32 hex characters: the only copy is in the QR code and the answer
  std::string number;  // YP-20261203-000017
  domain::Instant printed_at;
};

// Registers a printout of the record `entity_id` at `version`, which the caller has read within the
// actor's scope.
IssuedDocument issue_document(app::App& app, const domain::Actor& actor, DocumentKind kind, std::int64_t entity_id,
                              std::int64_t version);
// Keeps the SHA-256 of the PDF made for the printout (once).
void seal_document(app::App& app, std::int64_t id, const std::string& sha256);

// What the verification page shows: the printout, and its record as it is now.
struct DocumentCheck {
  std::string kind_label, number, sha256;
  domain::Instant printed_at;
  bool exists = true;    // false: the record has been deleted since
  bool current = false;  // the record has not changed since it was printed
  std::string registration_no, project_name, state_label;
  std::vector<std::pair<std::string, std::string>> figures;  // 评价期间 2026-03, 复核得分 86.50, …
};

// The printout a code names, or nullopt for any code that names none (malformed, forged, unknown):
// the same answer for each.
std::optional<DocumentCheck> check_document(app::App& app, std::string_view code);

}  // namespace qsm::service
