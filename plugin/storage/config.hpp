// How storage opens its database: the part of reclaim_open's configuration storage reads.
#pragma once

#include <string>

namespace reclaim {

struct StorageConfig {
  // "sqlite:PATH", "sqlite::memory:", "postgresql://…", "postgres://…" or libpq "key=value …"
  std::string database;
  bool synchronous_full = false;  // SQLite synchronous=FULL instead of NORMAL
  int busy_timeout_ms = 5000;
  int pool = 4;  // connections per engine (1 for an in-memory database)
};

}  // namespace reclaim
