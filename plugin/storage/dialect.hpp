// What differs between the SQL backends; queries are otherwise shared.
#pragma once

namespace reclaim {

struct Dialect {
  const char *name;
  const char *begin_write;     // takes the write lock up front: no lock upgrade, no deadlock
  const char *begin_read;
  const char *serial_key;      // an auto-numbered BIGINT primary key, increasing in commit order
  const char *has_meta_table;  // COUNT(*) of tables named meta
};

inline constexpr Dialect kSqlite{
    "sqlite", "BEGIN IMMEDIATE", "BEGIN", "INTEGER PRIMARY KEY AUTOINCREMENT",
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"};

}  // namespace reclaim
