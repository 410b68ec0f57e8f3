// A whole installation from one database into another (qsm copy): every table row for row, in one
// transaction on the target, checked by counts and a checksum per table before it commits.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;  // SHA-256 over the sorted hashes of the rows' values (independent of order and backend)
};

// Every table of the schema except schema_migrations, parents before children. A migration that adds
// a table must add it here; copy_database refuses a schema with a table this list lacks.
const std::vector<std::string>& copied_tables();

// Rows and checksum of one table, read on `c`.
TableCopy table_checksum(Connection& c, const std::string& table);

// Copies every table from `from` to `to`. Both must be migrated to the same version; the target must
// hold no data (Failure(conflict) otherwise). Writes in one transaction on the target; if any table's
// count or checksum differs from the source afterwards, nothing is committed (Failure(internal)).
// `progress` hears one line per table copied.
std::vector<TableCopy> copy_database(Database& from, Database& to, const std::function<void(const TableCopy&)>& progress = {});

}  // namespace qsm::store
