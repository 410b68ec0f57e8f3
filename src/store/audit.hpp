// The audit log: one generic writer and reader that every workflow uses, and its keyed chain (V014):
// each record carries a MAC written with it, and one sealer links the records into a chain later.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "crypto/secret.hpp"
#include "domain/actor.hpp"
#include "domain/time.hpp"
#include "store/db.hpp"

namespace qsm::store {

// The migration that brought the keyed chain (V014__audit_keyed.sql).
inline constexpr int kKeyedAuditSchema = 14;

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

// The key of the audit chain, derived from the server secret: it never enters the database, so
// whoever can only write the database can make neither a record's MAC, nor a link, nor a checkpoint.
class AuditKey {
 public:
  // What a MAC is made for; each use has its own prefix, so a MAC made for one never passes for another.
  enum class Use { record, link, checkpoint };
  explicit AuditKey(const crypto::Secret& server_secret) : key_(server_secret.derived("qsm audit chain v1")) {}
  std::string mac(Use use, std::string_view text) const;

 private:
  crypto::Secret key_;
};

// Writes a record and its MAC (over its id and fields) in the caller's transaction and returns its
// id. Takes no shared lock, so concurrent writers never wait for each other; seal_audit links it later.
std::int64_t append_audit(Connection& c, const AuditKey& key, const AuditEntry& e, const domain::Actor& actor, domain::Instant at);

// The sealer's position: the last record linked into the chain (0 and "" before the first).
struct AuditHead {
  std::int64_t seq = 0;
  std::string link;
};

// What one pass of the sealer did.
struct AuditSeal {
  bool ran = false;          // false: another process is sealing (PostgreSQL), nothing was done
  std::int64_t legacy = 0;   // records from before V014 given their MAC and linked (the one-time legacy seal)
  std::int64_t linked = 0;   // records linked by this pass, those included
  bool more = false;         // the pass stopped at `limit`: call again
  std::vector<std::int64_t> refused;  // records left out of the chain from now on: no MAC, or a MAC that does not hold
  bool key_suspect = false;  // a whole batch failed its MACs: likely the wrong secret, so nothing was refused
  AuditHead head;            // after the pass
};

// One pass of the sealer, in the caller's write transaction. Takes the chain head (one sealer at a
// time across processes; on PostgreSQL a busy head is skipped, not waited for). The first pass after
// V014 gives the records up to its recorded bound their MAC and links them, once, all of them in this
// transaction. Then it links up to `limit`
// records in id order: each record's place is the next sequence number, its link the MAC of the
// previous link, that number and its own MAC. A record whose MAC is missing or wrong is never linked:
// it is marked refused (refused_at) and not read again, unless a whole batch fails (key_suspect).
AuditSeal seal_audit(Connection& c, const AuditKey& key, domain::Instant now, std::int64_t limit = 5000);

// Whether any record waits to be linked (refused ones do not), read cheaply.
bool audit_unlinked(Connection& c);
AuditHead audit_head(Connection& c);
// The link held by the record at a place in the chain; nullopt if no record is there.
std::optional<std::string> audit_link_at(Connection& c, std::int64_t seq);

// One thing wrong with the audit log.
struct AuditProblem {
  std::int64_t id = 0;   // the record (0: the chain head or a checkpoint)
  std::int64_t seq = 0;  // its place in the chain (0: not linked)
  std::string reason;    // Chinese, for the operator
};

// Every record and link checked, read only.
struct AuditVerdict {
  static constexpr std::size_t kListed = 20;  // problems kept in full; the rest are counted
  std::int64_t linked = 0;   // records in the chain
  std::int64_t pending = 0;  // records with a valid MAC that the sealer has not linked yet (not a fault)
  AuditHead head;            // the last record of the chain
  std::int64_t problem_count = 0;
  std::vector<AuditProblem> problems;  // the first kListed: chain order, then unlinked records by id
  bool ok() const { return problem_count == 0; }
  void add(AuditProblem p);
};
// Checks every record's MAC, every link and the sequence's continuity, and the head; writes nothing.
AuditVerdict verify_audit(Connection& c, const AuditKey& key);

std::vector<AuditRecord> audit_of_entity(Connection& c, std::string_view entity, std::int64_t entity_id);
// Everything recorded about a declaration and the records hanging off it (months, …), oldest first.
std::vector<AuditRecord> audit_of_declaration(Connection& c, std::int64_t declaration_id);

}  // namespace qsm::store
