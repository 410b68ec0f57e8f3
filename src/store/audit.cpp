// Audit SQL.
#include "store/audit.hpp"

#include <boost/json.hpp>
#include <tuple>

#include "auth/secret.hpp"

namespace qsm::store {
namespace sql {
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, "
    "actor_ref, organisation, opinion, ip, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
    "RETURNING id";
constexpr std::string_view kByEntity =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id";
constexpr std::string_view kByDeclaration =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE declaration_id = $1 ORDER BY at, id";  // a timeline: backdated demo records keep their dates
// SQLite has one writer at a time; PostgreSQL appenders queue on the head row.
constexpr std::string_view kHead = "SELECT last_id, last_hash FROM audit_chain WHERE id = 1";
constexpr std::string_view kHeadLocked = "SELECT last_id, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE";
constexpr std::string_view kMoveHead = "UPDATE audit_chain SET last_id = $1, last_hash = $2 WHERE id = 1";
// The chained fields, in chain order (ids only grow: AUTOINCREMENT / identity).
constexpr std::string_view kChained =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, actor_ref, "
    "organisation, opinion, ip, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";
constexpr std::string_view kSeal = "UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1";
}  // namespace sql

namespace {

// SHA-256 over the previous record's hash and the record's fields as one JSON array: any change
// to a field, or to the link, changes it.
std::string chain_hash(std::string_view prev, const boost::json::array& fields) {
  return auth::sha256_hex(std::string(prev) + "\n" + boost::json::serialize(fields));
}

boost::json::value nullable(const std::optional<std::string>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }
boost::json::value nullable(const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }

// The chained fields of a stored row (kChained's columns 1–13).
boost::json::array fields_of(const Row& r) {
  boost::json::array a;
  a.emplace_back(r.integer(1));
  a.emplace_back(r.text(2));
  a.emplace_back(r.integer(3));
  a.push_back(nullable(r.opt_integer(4)));
  for (int i = 5; i <= 13; ++i) a.push_back(nullable(r.opt_text(i)));
  return a;
}

std::pair<std::int64_t, std::string> head(Connection& c, bool lock) {
  auto r = c.query_one(lock && c.dialect() == Dialect::postgresql ? sql::kHeadLocked : sql::kHead);
  if (!r) throw DbError(DbError::Kind::other, "审计链头记录缺失（audit_chain）");
  return {r->integer(0), r->text(1)};
}

}  // namespace

void append_audit(Connection& c, const AuditEntry& e, const domain::Actor& actor, domain::Instant at) {
  const auto [last_id, last_hash] = head(c, true);
  boost::json::array fields{domain::to_millis(at), e.entity, e.entity_id, nullable(e.declaration_id), e.action,
                            nullable(e.from_state), nullable(e.to_state), domain::to_string(actor.role), actor.name,
                            actor.ref, actor.organisation, nullable(e.opinion), actor.ip};
  const auto hash = chain_hash(last_hash, fields);
  auto id = c.query_one(sql::kInsert, params(domain::to_millis(at), e.entity, e.entity_id, e.declaration_id, e.action, e.from_state,
                                             e.to_state, domain::to_string(actor.role), actor.name, actor.ref, actor.organisation,
                                             e.opinion, actor.ip, last_hash, hash))
                ->integer(0);
  c.execute(sql::kMoveHead, params(id, hash));
}

std::int64_t seal_audit(Connection& c) {
  auto [last_id, last_hash] = head(c, true);
  std::int64_t sealed = 0;
  for (bool stop = false; !stop;) {
    std::vector<std::tuple<std::int64_t, std::string, std::string>> batch;
    c.run(sql::kChained, params(last_id, std::int64_t{5000}), [&](Row& r) {
      // A sealed record past the head means the head was moved back: never re-seal (that would
      // hide an edit); verify_audit reports it.
      if (stop || !r.is_null(15)) {
        stop = true;
        return;
      }
      auto hash = chain_hash(last_hash, fields_of(r));
      batch.emplace_back(r.integer(0), last_hash, hash);
      last_id = r.integer(0);
      last_hash = std::move(hash);
    });
    if (batch.empty()) break;
    for (const auto& [id, prev, hash] : batch) c.execute(sql::kSeal, params(id, prev, hash));
    sealed += static_cast<std::int64_t>(batch.size());
  }
  if (sealed) c.execute(sql::kMoveHead, params(last_id, last_hash));
  return sealed;
}

AuditVerdict verify_audit(Connection& c) {
  const auto [head_id, head_hash] = head(c, false);
  AuditVerdict v;
  std::int64_t after = 0, last_id = 0;
  std::string expected;
  for (bool more = true; more && v.ok;) {
    more = false;
    c.run(sql::kChained, params(after, std::int64_t{5000}), [&](Row& r) {
      more = true;
      after = r.integer(0);
      if (!v.ok) return;
      const auto prev = r.opt_text(14), hash = r.opt_text(15);
      if (!hash || !prev) {
        v = {false, v.checked, after, "未加入审计链（哈希为空）"};
      } else if (*prev != expected) {
        v = {false, v.checked, after, "与前一条记录的哈希不符：前一条记录被删除、插入或改动"};
      } else if (chain_hash(*prev, fields_of(r)) != *hash) {
        v = {false, v.checked, after, "内容与其哈希不符：本条记录被改动"};
      } else {
        expected = *hash;
        last_id = after;
        ++v.checked;
      }
    });
  }
  if (v.ok && (head_id != last_id || head_hash != expected))
    v = {false, v.checked, 0, "链头（audit_chain）与最后一条记录不符：最后的记录被删除，或链头被改动"};
  return v;
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
