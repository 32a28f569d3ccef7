// Opening connections to each backend, and telling what a backend's error means.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "storage/config.hpp"

namespace soci {
class session;
class soci_error;
}  // namespace soci

namespace reclaim {

struct Dialect;

struct Target {
  const Dialect *dialect;
  // SQLite: the file path; PostgreSQL: the settings libpq read from the URI or key=value string,
  // written as key=value words that SOCI 4.0 hands on to PQconnectdb unchanged (connect.cpp)
  std::string connect;
  bool memory = false;  // SQLite's :memory:
};

// "sqlite:PATH", "sqlite::memory:", or for PostgreSQL anything libpq's PQconnectdb takes: a
// "postgresql://…" or "postgres://…" URI (with or without a path or a query) or "key=value …"
// settings. Throws Error(invalid_argument) naming the field "database", also for a string libpq
// rejects.
Target parse_target(const std::string &database);

// `first`: the pool's first connection, which switches a SQLite file to WAL.
std::unique_ptr<soci::session> open_sqlite(const Target &target, const StorageConfig &config,
                                           bool first);
// Sets the session up (lock timeout, quiet notices) and gives the advisory lock key of the schema
// it uses.
std::unique_ptr<soci::session> open_postgresql(const Target &target, const StorageConfig &config,
                                               long long &lock_key);

enum class Trouble {
  busy,   // a lock, a deadlock or a serialization failure: retry the transaction from the start
  lost,   // the connection is gone: open it again
  other,  // anything else
};
Trouble classify(const soci::soci_error &error, soci::session &session);

// FNV-1a of `bytes` in 63 bits (never negative): a stable key or fingerprint, not a secret.
std::int64_t fnv1a_63(std::string_view bytes);

}  // namespace reclaim
