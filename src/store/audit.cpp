// Audit SQL.
#include "store/audit.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, "
    "actor_ref, organisation, opinion, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
constexpr std::string_view kByEntity =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id";
constexpr std::string_view kByDeclaration =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE declaration_id = $1 ORDER BY at, id";  // a timeline: backdated demo records keep their dates
}  // namespace sql

void append_audit(Connection& c, const AuditEntry& e, const domain::Actor& actor, domain::Instant at) {
  c.execute(sql::kInsert,
            params(domain::to_millis(at), e.entity, e.entity_id, e.declaration_id, e.action, e.from_state, e.to_state,
                   domain::to_string(actor.role), actor.name, actor.ref, actor.organisation, e.opinion, actor.ip));
}

namespace {
std::vector<AuditRecord> audit_rows(Connection& c, std::string_view sql, std::span<const Value> p) {
  std::vector<AuditRecord> out;
  c.run(sql, p, [&](Row& r) {
    out.push_back(AuditRecord{r.integer(0), domain::from_millis(r.integer(1)),
                              AuditEntry{r.text(2), r.integer(3), r.opt_integer(4), r.text(5), r.opt_text(6), r.opt_text(7), r.opt_text(11)},
                              r.text(8), r.text(9), r.opt_text(10), r.opt_text(12)});
  });
  return out;
}
}  // namespace

std::vector<AuditRecord> audit_of_entity(Connection& c, std::string_view entity, std::int64_t entity_id) {
  return audit_rows(c, sql::kByEntity, params(entity, entity_id));
}

std::vector<AuditRecord> audit_of_declaration(Connection& c, std::int64_t declaration_id) {
  return audit_rows(c, sql::kByDeclaration, params(declaration_id));
}

}  // namespace qsm::store
