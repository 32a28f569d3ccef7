#include "storage/transaction_seq_table.hpp"

#include <soci/soci.h>

#include "storage/dialect.hpp"

namespace reclaim {

void number_seq_by_transaction(soci::session &sql, const Dialect &dialect) {
  if (!dialect.transaction_id) return;
  sql << "ALTER TABLE events ALTER COLUMN seq DROP DEFAULT";
  sql << "ALTER TABLE outbox ALTER COLUMN seq DROP DEFAULT";
}

}  // namespace reclaim
