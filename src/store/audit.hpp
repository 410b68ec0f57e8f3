// The audit log: one generic writer and reader that every workflow uses.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::store {

struct AuditEntry {
  std::string entity;  // "declaration", "registry", "template", …
  std::int64_t entity_id = 0;
  std::optional<std::int64_t> declaration_id;
  std::string action;
  std::optional<std::string> from_state, to_state, opinion;
};

struct AuditRecord {
  std::int64_t id;
  domain::Instant at;
  AuditEntry entry;
  std::string actor_role, actor_name;
  std::optional<std::string> organisation, ip;
};

// Appends a record to the hash chain (taking the chain head's lock until the transaction ends).
void append_audit(Connection& c, const AuditEntry& e, const domain::Actor& actor, domain::Instant at);

// Seals records that are not yet in the chain (written before it existed), oldest first; returns
// how many. Run by migrate().
std::int64_t seal_audit(Connection& c);

// The chain checked from the first record: ok, or the first record where it breaks and why.
struct AuditVerdict {
  bool ok = true;
  std::int64_t checked = 0;
  std::int64_t broken_id = 0;  // the first record that does not hold (0 with a head problem)
  std::string reason;          // Chinese, for the operator
};
AuditVerdict verify_audit(Connection& c);
std::vector<AuditRecord> audit_of_entity(Connection& c, std::string_view entity, std::int64_t entity_id);
// Everything recorded about a declaration and the records hanging off it (months, …), oldest first.
std::vector<AuditRecord> audit_of_declaration(Connection& c, std::int64_t declaration_id);

}  // namespace qsm::store
