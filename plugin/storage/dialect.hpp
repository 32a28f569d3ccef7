// What differs between the SQL backends; queries are otherwise shared.
#pragma once

namespace reclaim {

struct Dialect {
  const char *name;
  const char *begin_write;  // takes the write lock up front: no lock upgrade, no deadlock
  const char *begin_read;   // one consistent snapshot
  // Run right after begin_write with the database's lock key, or nullptr: serializes writers
  // where BEGIN alone does not (so numbering, idempotency and the outbox behave as on SQLite).
  const char *write_lock;
  const char *serial_key;      // an auto-numbered BIGINT primary key, increasing in commit order
  const char *has_meta_table;  // COUNT(*) of tables named meta
  const char *last_serial;     // the serial key this session's last INSERT was given
  bool numbered_placeholders;  // '?' is not understood: statements use :p1, :p2, ...
};

inline constexpr Dialect kSqlite{
    "sqlite",
    "BEGIN IMMEDIATE",
    "BEGIN",
    nullptr,
    "INTEGER PRIMARY KEY AUTOINCREMENT",
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
    "SELECT last_insert_rowid()",
    false};

// Writers take one transaction-level advisory lock per schema before anything else. The lock is
// released after the commit became visible, so sequence numbers are handed out and made visible
// in the same order: a cursor reader never sees seq N+1 while N is still to come.
inline constexpr Dialect kPostgresql{
    "postgresql",
    "BEGIN ISOLATION LEVEL READ COMMITTED",
    "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    "SELECT pg_advisory_xact_lock(?)",
    "BIGSERIAL PRIMARY KEY",
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    " AND table_name = 'meta'",
    "SELECT lastval()",
    true};

}  // namespace reclaim
