// Printed documents (issue 26): one row per printout, found again by the SHA-256 of the code in its
// QR code. The store keeps what was printed; what the record is now is read from its own table.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace qsm::store {

struct DocumentRow {
  std::int64_t id = 0, entity_id = 0, entity_version = 0, printed_at = 0;
  std::string number, kind, printed_by;
  std::optional<std::string> sha256;  // set once the PDF is made
};

// Inserts a printout and gives it its number: `prefix`-YYYYMMDD-<id, 6 digits or more>.
DocumentRow insert_document(Connection& c, const std::string& code_hash, const std::string& prefix, const std::string& day,
                            const std::string& kind, std::int64_t entity_id, std::int64_t entity_version, std::int64_t printed_at,
                            const std::string& printed_by);
void set_document_sha256(Connection& c, std::int64_t id, const std::string& sha256);
std::optional<DocumentRow> find_document(Connection& c, const std::string& code_hash);

}  // namespace qsm::store
