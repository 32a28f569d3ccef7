// The seq of events and outbox rows on PostgreSQL: the transaction's id times 65536 plus a count
// of the rows it numbered. Transaction ids are handed out in time order, so a reader that stops
// below the oldest transaction still running (Dialect::seq_horizon) has seen every row that will
// ever sit below its cursor (docs/SCALING.md, "The outbox"). And the transactions running, for
// a reader that waits until what was committed before it is readable (Store::read_outbox).
#include <soci/soci.h>

#include "core/error.hpp"
#include "storage/dialect.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

constexpr int kSeqBits = 16;
constexpr long long kRowsPerTransaction = 1LL << kSeqBits;

}  // namespace

std::optional<long long> Tx::next_seq() {
  if (!dialect_.transaction_id) return std::nullopt;
  if (!transaction_id_) {
    reads_.query(sql_, dialect_.transaction_id, "n", {},
                 [&](const CachedRow &row) { transaction_id_ = row.number(0); });
  }
  if (numbered_ == kRowsPerTransaction) {
    fail(Status::invalid_argument, "one change may write at most " +
                                       std::to_string(kRowsPerTransaction) +
                                       " events and messages");
  }
  return (*transaction_id_ << kSeqBits) + numbered_++;
}

std::optional<std::pair<long long, long long>> Tx::running_transactions() {
  if (!dialect_.running_transactions) return std::nullopt;
  std::pair<long long, long long> running;
  reads_.query(sql_, dialect_.running_transactions, "nn", {}, [&](const CachedRow &row) {
    running = {row.number(0), row.number(1)};
  });
  return running;
}

}  // namespace reclaim
