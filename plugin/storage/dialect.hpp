// What differs between the SQL backends; queries are otherwise shared.
#pragma once

namespace reclaim {

struct Dialect {
  const char *name;
  const char *begin_write;  // SQLite: takes the database's write lock up front (no upgrade)
  const char *begin_read;   // one consistent snapshot
  // Run right after begin_write by a migration, with the schema's lock key, or nullptr: one
  // process migrates while the others wait, then find the schema done.
  const char *migration_lock;
  const char *serial_key;      // an auto-numbered BIGINT primary key
  const char *has_meta_table;  // COUNT(*) of tables named meta
  // The serial key this session's last INSERT was given; nullptr where events and outbox rows
  // are numbered by their transaction (transaction_id) instead.
  const char *last_serial;
  // The running transaction's id, or nullptr where writers take turns (and the serial key is
  // in commit order by itself). Numbers events and outbox rows: docs/SCALING.md, "The outbox".
  const char *transaction_id;
  // An SQL expression: every seq below it belongs to a transaction that has ended (committed
  // and visible to this snapshot, or rolled back), and every seq still to come is above it.
  const char *seq_horizon;
  // The oldest transaction id still running and the next one to be handed out, in this
  // snapshot; nullptr where every committed row is readable at once.
  const char *running_transactions;
  // Appended to a SELECT in a write transaction: the rows it returns stay locked until the
  // commit. Empty where the write transaction holds the whole database.
  const char *lock_rows;
  // The same, passing over rows another transaction holds (tickers and senders share work).
  const char *lock_free_rows;
  // Takes a transaction-level lock named by its one text parameter, or nullptr.
  const char *named_lock;
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
    nullptr,
    "9223372036854775807",
    nullptr,
    "",
    "",
    nullptr,
    false};

// Writers lock only the rows they change (READ COMMITTED: a writer waiting for a row reads its
// committed version once it has it). Events and outbox rows are numbered by transaction id, and
// readers stop below the oldest transaction still running (docs/SCALING.md).
inline constexpr Dialect kPostgresql{
    "postgresql",
    "BEGIN ISOLATION LEVEL READ COMMITTED",
    "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    "SELECT pg_advisory_xact_lock(?)",
    "BIGSERIAL PRIMARY KEY",
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    " AND table_name = 'meta'",
    nullptr,
    "SELECT pg_current_xact_id()::text::bigint",
    "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)",
    "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
    " FROM pg_current_snapshot() AS s",
    " FOR UPDATE",
    " FOR UPDATE SKIP LOCKED",
    "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || ?, 0))",
    true};

}  // namespace reclaim
