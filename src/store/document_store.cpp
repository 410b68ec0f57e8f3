// printed_documents: parameterised statements only.
#include "store/document_store.hpp"

#include <cstdio>

namespace qsm::store {
namespace sql {
constexpr std::string_view kInsert =
    "INSERT INTO printed_documents (code_hash, number, kind, entity_id, entity_version, printed_at, printed_by) "
    "VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kSetNumber = "UPDATE printed_documents SET number = $2 WHERE id = $1";
constexpr std::string_view kSetSha = "UPDATE printed_documents SET sha256 = $2 WHERE id = $1 AND sha256 IS NULL";
constexpr std::string_view kFind =
    "SELECT id, entity_id, entity_version, printed_at, number, kind, printed_by, sha256 FROM printed_documents WHERE code_hash = $1";
}  // namespace sql

DocumentRow insert_document(Connection& c, const std::string& code_hash, const std::string& prefix, const std::string& day,
                            const std::string& kind, std::int64_t entity_id, std::int64_t entity_version, std::int64_t printed_at,
                            const std::string& printed_by) {
  DocumentRow d;
  d.id = c.query_one(sql::kInsert, params(code_hash, kind, entity_id, entity_version, printed_at, printed_by))->integer(0);
  char serial[24];
  std::snprintf(serial, sizeof serial, "%06lld", static_cast<long long>(d.id));
  d.number = prefix + "-" + day + "-" + serial;
  c.execute(sql::kSetNumber, params(d.id, d.number));
  d.entity_id = entity_id;
  d.entity_version = entity_version;
  d.printed_at = printed_at;
  d.kind = kind;
  d.printed_by = printed_by;
  return d;
}

void set_document_sha256(Connection& c, std::int64_t id, const std::string& sha256) { c.execute(sql::kSetSha, params(id, sha256)); }

std::optional<DocumentRow> find_document(Connection& c, const std::string& code_hash) {
  auto r = c.query_one(sql::kFind, params(code_hash));
  if (!r) return std::nullopt;
  DocumentRow d;
  d.id = r->integer(0);
  d.entity_id = r->integer(1);
  d.entity_version = r->integer(2);
  d.printed_at = r->integer(3);
  d.number = r->text(4);
  d.kind = r->text(5);
  d.printed_by = r->text(6);
  d.sha256 = r->opt_text(7);
  return d;
}

}  // namespace qsm::store
