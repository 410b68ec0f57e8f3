// Audit SQL and the keyed chain's MACs.
#include "store/audit.hpp"

#include <boost/json.hpp>

namespace qsm::store {
namespace sql {
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, "
    "actor_ref, organisation, opinion, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
// The id is part of what the MAC covers, so the MAC follows the insert (the row is the writer's own: no wait).
constexpr std::string_view kSetMac = "UPDATE audit_log SET mac = $2 WHERE id = $1";
constexpr std::string_view kByEntity =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id";
constexpr std::string_view kByDeclaration =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, organisation, "
    "opinion, ip FROM audit_log WHERE declaration_id = $1 ORDER BY at, id";  // a timeline: backdated demo records keep their dates

// The head is the sealer's alone; writers never touch it. On PostgreSQL a second sealer skips
// a head another holds instead of queueing behind it (SQLite has one writer at a time anyway).
constexpr std::string_view kHead = "SELECT last_seq, last_link, legacy_max_id, legacy_sealed_at FROM audit_chain WHERE id = 1";
constexpr std::string_view kHeadLocked =
    "SELECT last_seq, last_link, legacy_max_id, legacy_sealed_at FROM audit_chain WHERE id = 1 FOR UPDATE SKIP LOCKED";
constexpr std::string_view kMoveHead = "UPDATE audit_chain SET last_seq = $1, last_link = $2 WHERE id = 1";
constexpr std::string_view kLegacySealed = "UPDATE audit_chain SET legacy_sealed_at = $1 WHERE id = 1";

// The MAC'd fields, columns 0–13 of every statement that reads records to check them; then mac (14)
// and what each statement adds.
constexpr std::string_view kMacFields =
    "SELECT id, at, entity, entity_id, declaration_id, action, from_state, to_state, actor_role, actor_name, actor_ref, organisation, "
    "opinion, ip";
std::string with_mac_fields(std::string_view rest) { return std::string(kMacFields) + std::string(rest); }
const std::string kLegacyUnsealed = with_mac_fields(" FROM audit_log WHERE id > $1 AND id <= $2 AND mac IS NULL ORDER BY id LIMIT $3");
const std::string kUnlinked =
    with_mac_fields(", mac FROM audit_log WHERE chain_seq IS NULL AND refused_at IS NULL AND id > $1 ORDER BY id LIMIT $2");
const std::string kLinked = with_mac_fields(", mac, chain_seq, link FROM audit_log WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2");
// Many records per statement (one round trip per record was most of the sealer's time on
// PostgreSQL): VALUES rows are (id, mac, chain_seq, link) and (id, chain_seq, link), named column1…
// on both backends.
constexpr std::string_view kSealLegacy =
    "UPDATE audit_log SET mac = v.column2, chain_seq = v.column3, link = v.column4 FROM (VALUES {rows}) AS v WHERE audit_log.id = v.column1";
constexpr std::string_view kLinks =
    "UPDATE audit_log SET chain_seq = v.column2, link = v.column3 FROM (VALUES {rows}) AS v WHERE audit_log.id = v.column1";
constexpr std::string_view kRefuse =
    "UPDATE audit_log SET refused_at = v.column2 FROM (VALUES {rows}) AS v WHERE audit_log.id = v.column1";
// What verify reads of every record outside the chain, refused ones included (refused_at last).
const std::string kOutsideChain =
    with_mac_fields(", mac, refused_at FROM audit_log WHERE chain_seq IS NULL AND id > $1 ORDER BY id LIMIT $2");
const std::string kRecordAt = with_mac_fields(", mac FROM audit_log WHERE chain_seq = $1");
constexpr std::string_view kAnyUnlinked = "SELECT 1 FROM audit_log WHERE chain_seq IS NULL AND refused_at IS NULL LIMIT 1";
constexpr std::string_view kLinkAt = "SELECT link FROM audit_log WHERE chain_seq = $1";
}  // namespace sql

// What verify_audit says, in one place.
namespace reason {
constexpr std::string_view kNoMac = "没有 MAC：不是经由本系统写入（例如直接插入数据库），不会入链";
constexpr std::string_view kBadMac = "内容与其 MAC 不符：本条记录被改动或伪造";
constexpr std::string_view kLegacyUnsealed = "V014 之前的旧记录尚未封存：请先启动一次 qsm serve";
constexpr std::string_view kBadLink = "与链中前一条的链接不符：记录被插入、改动或重新排序";
constexpr std::string_view kRefusedValid = "MAC 相符却被标为拒绝入链（refused_at 被改动）：不会入链";
constexpr std::string_view kHeadMissing = "链头记录缺失（audit_chain）";
}  // namespace reason

namespace {

constexpr std::int64_t kBatch = 5000;

std::string_view prefix(AuditKey::Use use) {
  switch (use) {
    case AuditKey::Use::record: return "record\n";
    case AuditKey::Use::link: return "link\n";
    case AuditKey::Use::checkpoint: return "checkpoint\n";
  }
  return {};
}

boost::json::value nullable(const std::optional<std::string>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }
boost::json::value nullable(const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }

// The MAC'd fields of a stored row (columns 0–13) as one JSON array: the same text on both backends.
boost::json::array fields_of(const Row& r) {
  boost::json::array a;
  a.emplace_back(r.integer(0));
  a.emplace_back(r.integer(1));
  a.emplace_back(r.text(2));
  a.emplace_back(r.integer(3));
  a.push_back(nullable(r.opt_integer(4)));
  for (int i = 5; i <= 13; ++i) a.push_back(nullable(r.opt_text(i)));
  return a;
}

std::string record_mac(const AuditKey& key, const boost::json::array& fields) {
  return key.mac(AuditKey::Use::record, boost::json::serialize(fields));
}

std::string link_of(const AuditKey& key, std::string_view prev_link, std::int64_t seq, std::string_view mac) {
  return key.mac(AuditKey::Use::link, std::string(prev_link) + "\n" + std::to_string(seq) + "\n" + std::string(mac));
}

// The stored row's MAC holds: present and equal to the MAC of its fields.
bool mac_holds(const AuditKey& key, const Row& r, std::size_t mac_column) {
  const auto mac = r.opt_text(mac_column);
  return mac && record_mac(key, fields_of(r)) == *mac;
}

// Many records a statement, in statements of a few fixed sizes (store::execute_rows).
void update_many(Connection& c, std::string_view statement, std::size_t columns, std::span<const Value> values) {
  static constexpr std::size_t kSizes[] = {1000, 100, 10, 1};
  execute_rows(c, statement, columns, values, kSizes);
}

struct HeadRow {
  AuditHead head;
  std::int64_t legacy_max_id = 0;
  bool legacy_sealed = false;
};

HeadRow head_of(const Row& r) { return {{r.integer(0), r.text(1)}, r.integer(2), !r.is_null(3)}; }

std::optional<HeadRow> read_head(Connection& c) {
  auto r = c.query_one(sql::kHead);
  if (!r) return std::nullopt;
  return head_of(*r);
}

// The one-time seal of the records written before V014: each gets its MAC as it is now and is linked
// at once (one write per record, not two). The first pass does it, before any other record is linked.
std::int64_t seal_legacy(Connection& c, const AuditKey& key, std::int64_t bound, AuditHead& head, domain::Instant now) {
  std::int64_t sealed = 0;
  for (std::int64_t after = 0;;) {
    std::vector<Value> rows;  // id, mac, chain_seq, link, …
    c.run(sql::kLegacyUnsealed, params(after, bound, kBatch), [&](Row& r) {
      after = r.integer(0);
      auto mac = record_mac(key, fields_of(r));
      head.link = link_of(key, head.link, ++head.seq, mac);
      rows.insert(rows.end(), {after, std::move(mac), head.seq, head.link});
    });
    update_many(c, sql::kSealLegacy, 4, rows);
    const auto n = static_cast<std::int64_t>(rows.size() / 4);
    sealed += n;
    if (n < kBatch) break;
  }
  c.execute(sql::kLegacySealed, params(domain::to_millis(now)));
  return sealed;
}

// Whether `key` is the one the records were written with, asked before refusing any: some MAC of
// this pass held, or the MAC of the record at the chain's head holds, or (no head yet) the batch
// had only the one record.
bool key_holds(Connection& c, const AuditKey& key, const AuditHead& head, bool some_held, std::size_t refused) {
  if (some_held) return true;
  if (head.seq == 0) return refused == 1;
  auto r = c.query_one(sql::kRecordAt, params(head.seq));
  return r && mac_holds(key, *r, 14);
}

}  // namespace

std::string AuditKey::mac(Use use, std::string_view text) const {
  std::string message(prefix(use));
  message += text;
  return key_.hmac_hex(message);
}

void AuditVerdict::add(AuditProblem p) {
  ++problem_count;
  if (problems.size() < kListed) problems.push_back(std::move(p));
}

std::int64_t append_audit(Connection& c, const AuditKey& key, const AuditEntry& e, const domain::Actor& actor, domain::Instant at) {
  const std::string role(domain::to_string(actor.role));
  const auto id = c.query_one(sql::kInsert, params(domain::to_millis(at), e.entity, e.entity_id, e.declaration_id, e.action, e.from_state,
                                                   e.to_state, role, actor.name, actor.ref, actor.organisation, e.opinion, actor.ip))
                      ->integer(0);
  const boost::json::array fields{id,         domain::to_millis(at), e.entity,  e.entity_id,           nullable(e.declaration_id),
                                  e.action,   nullable(e.from_state), nullable(e.to_state), role,      actor.name,
                                  actor.ref,  actor.organisation,     nullable(e.opinion),  actor.ip};
  c.execute(sql::kSetMac, params(id, record_mac(key, fields)));
  return id;
}

AuditSeal seal_audit(Connection& c, const AuditKey& key, domain::Instant now, std::int64_t limit) {
  AuditSeal out;
  auto locked = c.query_one(c.dialect() == Dialect::postgresql ? sql::kHeadLocked : sql::kHead);
  if (!locked) {
    if (!c.query_one(sql::kHead)) throw DbError(DbError::Kind::other, std::string(reason::kHeadMissing));
    return out;  // another process holds the head and is sealing now
  }
  out.ran = true;
  auto [head, legacy_max_id, legacy_sealed] = head_of(*locked);
  if (!legacy_sealed) out.legacy = out.linked = seal_legacy(c, key, legacy_max_id, head, now);

  // Records in id order. A writer that commits late (a lower id than records already linked) is
  // simply linked later: the chain's order is the order of sealing, not of ids.
  for (std::int64_t after = 0, linked = 0;;) {
    const auto want = std::min(kBatch, limit - linked);
    std::vector<std::pair<std::int64_t, std::string>> macs;  // the records whose MAC holds
    std::vector<Value> links;                                // id, chain_seq, link, …
    std::vector<std::int64_t> refused;
    std::int64_t seen = 0;
    c.run(sql::kUnlinked, params(after, want), [&](Row& r) {
      ++seen;
      after = r.integer(0);
      if (mac_holds(key, r, 14))
        macs.emplace_back(after, r.text(14));
      else
        refused.push_back(after);
    });
    // Before refusing, is the key the records' key? The last linked record's MAC says; before the
    // first link, a batch where not one MAC of several holds points at the key, not at every record
    // (a database opened with another server's secret file). Then nothing is marked, so the right
    // key links them all later, and the pass stops.
    if (!refused.empty() && !key_holds(c, key, head, out.linked > 0 || !macs.empty(), refused.size())) {
      out.key_suspect = true;
      break;
    }
    // A refusal is kept, so that no later pass reads and checks the record again.
    std::vector<Value> marks;  // id, refused_at, …
    for (auto id : refused) marks.insert(marks.end(), {id, domain::to_millis(now)});
    update_many(c, sql::kRefuse, 2, marks);
    out.refused.insert(out.refused.end(), refused.begin(), refused.end());
    for (const auto& [id, mac] : macs) {
      head.link = link_of(key, head.link, ++head.seq, mac);
      links.insert(links.end(), {id, head.seq, head.link});
      ++linked;
    }
    update_many(c, sql::kLinks, 3, links);
    out.linked += static_cast<std::int64_t>(macs.size());
    if (seen < want) break;  // nothing more waits
    if (linked >= limit) {
      out.more = true;
      break;
    }
  }
  if (out.linked) c.execute(sql::kMoveHead, params(head.seq, head.link));
  out.head = std::move(head);
  return out;
}

bool audit_unlinked(Connection& c) { return c.query_one(sql::kAnyUnlinked).has_value(); }

AuditHead audit_head(Connection& c) {
  auto h = read_head(c);
  if (!h) throw DbError(DbError::Kind::other, std::string(reason::kHeadMissing));
  return h->head;
}

std::optional<std::string> audit_link_at(Connection& c, std::int64_t seq) {
  auto r = c.query_one(sql::kLinkAt, params(seq));
  if (!r) return std::nullopt;
  return r->opt_text(0).value_or("");
}

AuditVerdict verify_audit(Connection& c, const AuditKey& key) {
  AuditVerdict v;
  const auto stored = read_head(c);
  if (!stored) v.add({0, 0, std::string(reason::kHeadMissing)});
  const auto legacy_unsealed = [&](std::int64_t id) { return stored && !stored->legacy_sealed && id <= stored->legacy_max_id; };

  // The chain, in its order: each record's MAC, its place (no gap) and its link to the one before.
  for (std::int64_t after = 0, seen = kBatch; seen == kBatch;) {
    seen = 0;
    c.run(sql::kLinked, params(after, kBatch), [&](Row& r) {
      ++seen;
      const auto id = r.integer(0), seq = r.integer(15);
      const auto mac = r.text(14), link = r.text(16);
      after = seq;
      ++v.linked;
      // One fault, one report: after a gap or a bad MAC the walk carries on from the link this record
      // holds; after a bad link, from the link it should hold.
      auto next = link;
      if (seq != v.head.seq + 1)
        v.add({id, seq, "链中第 " + std::to_string(v.head.seq + 1) + (seq - 1 > v.head.seq + 1 ? "–" + std::to_string(seq - 1) : "") +
                            " 条缺失：记录被删除"});
      if (!mac_holds(key, r, 14)) {
        v.add({id, seq, std::string(r.is_null(14) ? reason::kNoMac : reason::kBadMac)});
      } else if (seq == v.head.seq + 1) {
        next = link_of(key, v.head.link, seq, mac);
        if (next != link) v.add({id, seq, std::string(reason::kBadLink)});
      }
      v.head = {seq, std::move(next)};
    });
  }
  // The records not linked yet: a valid MAC waits for the sealer; anything else is never linked.
  for (std::int64_t after = 0, seen = kBatch; seen == kBatch;) {
    seen = 0;
    c.run(sql::kOutsideChain, params(after, kBatch), [&](Row& r) {
      ++seen;
      after = r.integer(0);
      const bool holds = mac_holds(key, r, 14);
      if (holds && !r.is_null(15))
        v.add({after, 0, std::string(reason::kRefusedValid)});
      else if (holds)
        ++v.pending;
      else if (r.is_null(14))
        v.add({after, 0, std::string(legacy_unsealed(after) ? reason::kLegacyUnsealed : reason::kNoMac)});
      else
        v.add({after, 0, std::string(reason::kBadMac)});
    });
  }
  // The head names the last record linked. Records removed from the end with the head moved back
  // to match are found only against a checkpoint kept outside the database (qsm audit verify --checkpoints).
  if (stored && stored->head.seq > v.head.seq)
    v.add({0, stored->head.seq,
           "链头（audit_chain）指向第 " + std::to_string(stored->head.seq) + " 条，链只到第 " + std::to_string(v.head.seq) + " 条：最后的记录被删除"});
  else if (stored && (stored->head.seq != v.head.seq || stored->head.link != v.head.link))
    v.add({0, stored->head.seq, "链头（audit_chain）与链中最后一条记录不符：链头被改动"});
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
