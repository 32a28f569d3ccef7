// The schema migration of seq numbers by transaction (see schema.cpp and tx_sequence.cpp).
#pragma once

namespace soci {
class session;
}

namespace reclaim {

struct Dialect;

// The migration's number: it follows personal data (13).
inline constexpr int kTransactionSeqMigration = 14;

// PostgreSQL: events and outbox rows lose their serial default, as each writer now numbers its
// rows by its transaction id. A process still running an older library (which numbers from the
// serial, below every reader's cursor) then fails to write them instead of writing rows that
// readers would step over; it refuses the schema once restarted. SQLite: nothing changes.
void number_seq_by_transaction(soci::session &sql, const Dialect &dialect);

}  // namespace reclaim
