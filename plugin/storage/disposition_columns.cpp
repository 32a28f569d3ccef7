#include "storage/disposition_columns.hpp"

#include <soci/soci.h>

#include <string>

namespace reclaim {

void add_disposition_columns(soci::session &sql) {
  std::string listed;
  for (const char *column : kDisposedColumns) {
    sql << std::string("ALTER TABLE case_items ADD COLUMN ") + column +
               " BIGINT NOT NULL DEFAULT 0";
    listed += std::string(", ") + column;
  }
  // A report reads one range of this index, never the table (report_sql.hpp).
  sql << "DROP INDEX IF EXISTS case_items_for_reports";
  sql << "CREATE INDEX case_items_for_reports ON case_items (shop, created_at, case_id, sku,"
         " category, supplier, reason, qty, active, resolution, refund_amount, refund_currency" +
             listed + ")";
}

}  // namespace reclaim
