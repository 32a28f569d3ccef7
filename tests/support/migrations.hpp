// For tests that take a database back to an older schema version to see a migration run:
// undoes the newest migrations, so that the test names only the older ones it cares about.
#pragma once

#include <soci/soci.h>

#include <string>

namespace reclaim::test {

// Migration 18, the queue's row columns (plugin/storage/queue_columns.cpp).
inline void undo_queue_row_migration(soci::session &sql) {
  sql << "ALTER TABLE cases DROP COLUMN customer_name";
  sql << "ALTER TABLE cases DROP COLUMN tags";
}

// Migration 17, supplier claims (plugin/storage/supplier_claims_table.cpp), and newer.
inline void undo_supplier_claims_migration(soci::session &sql) {
  undo_queue_row_migration(sql);
  sql << "DROP TABLE supplier_claims";
}

// Migration 16, dispositions (plugin/storage/disposition_columns.cpp), and newer. The reports'
// index of case_items is gone afterwards; migration 16 makes it again (or 5 before it).
inline void undo_disposition_migration(soci::session &sql) {
  undo_supplier_claims_migration(sql);
  sql << "DROP INDEX IF EXISTS case_items_for_reports";
  for (const char *column : {"disposed_restock", "disposed_quarantine", "disposed_scrap",
                             "disposed_repair", "disposed_return_to_supplier"}) {
    sql << std::string("ALTER TABLE case_items DROP COLUMN ") + column;
  }
}

// Migration 15, the index of the queue's default view (plugin/storage/queue_columns.cpp), and
// newer.
inline void undo_queue_state_migration(soci::session &sql) {
  undo_disposition_migration(sql);
  sql << "DROP INDEX cases_by_assignee_state_due";
}

// Migration 13, personal data (plugin/storage/privacy_table.cpp), and newer (14 runs again
// harmlessly).
inline void undo_privacy_migration(soci::session &sql) {
  undo_queue_state_migration(sql);
  for (const char *index : {"cases_by_email_lower", "orders_by_email_lower",
                            "cases_by_state_shop_updated", "erasures_by_shop"}) {
    sql << std::string("DROP INDEX ") + index;
  }
  sql << "DROP TABLE erasures";
  sql << "ALTER TABLE cases DROP COLUMN legal_hold";
  sql << "ALTER TABLE cases DROP COLUMN anonymised_at";
  sql << "ALTER TABLE orders DROP COLUMN anonymised_at";
}

// Migration 12, canned replies (plugin/storage/canned_replies_table.cpp), and newer.
inline void undo_canned_replies_migration(soci::session &sql) {
  undo_privacy_migration(sql);
  sql << "DROP TABLE canned_replies";
}

// Migration 11, reclaimd's staff accounts (plugin/storage/staff_accounts_table.cpp), and newer.
inline void undo_staff_accounts_migration(soci::session &sql) {
  undo_canned_replies_migration(sql);
  sql << "DROP TABLE staff_accounts";
}

// Migration 10, the staff queue (plugin/storage/queue_columns.cpp), and every newer one.
inline void undo_queue_migration(soci::session &sql) {
  undo_staff_accounts_migration(sql);
  for (const char *index : {"cases_by_due_shop", "cases_by_assignee_due", "case_items_by_sku",
                            "case_tags_by_tag"}) {
    sql << std::string("DROP INDEX ") + index;
  }
  sql << "DROP TABLE case_tags";
  sql << "ALTER TABLE cases DROP COLUMN priority";
}

}  // namespace reclaim::test
