// Numbered schema migrations compiled into the binary (src/store/migrations/V###__name.sql).
#pragma once
#include <string>
#include <vector>

#include "store/db.hpp"

namespace qsm::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // with {{pk}} still in it
};

std::vector<Migration> embedded_migrations();
// The SQL of a migration for one dialect.
std::string render(const Migration& m, Dialect d);
// Applies the missing migrations, each in its own transaction; safe when several processes
// start at once (SQLite's write lock, PostgreSQL's advisory lock). Returns how many it applied.
int migrate(Database& db);
int schema_version(Database& db);
// The same, read only: 0 for a database never migrated.
int schema_version_read_only(Database& db);

}  // namespace qsm::store
