// The schema and its versioned migrations.
#pragma once

#include <string>

namespace soci {
class session;
}

namespace reclaim {

struct Dialect;

constexpr int kSchemaVersion = 18;

// The schema version stored in the database, 0 when it has none yet (read only).
int stored_schema_version(soci::session &sql, const Dialect &dialect);

// Applies the migrations the database lacks inside the caller's write transaction. The caller
// holds the migration lock (SQLite: the write lock), so two processes opening a new database at
// once migrate it only once.
int migrate(soci::session &sql, const Dialect &dialect);

}  // namespace reclaim
