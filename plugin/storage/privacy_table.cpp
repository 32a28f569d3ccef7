#include "storage/privacy_table.hpp"

#include <soci/soci.h>

namespace reclaim {

void add_privacy_tables(soci::session &sql) {
  sql << "ALTER TABLE cases ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0";
  sql << "ALTER TABLE cases ADD COLUMN anonymised_at BIGINT";
  sql << "ALTER TABLE orders ADD COLUMN anonymised_at BIGINT";
  // A person is found by e-mail in any letter case, within one shop. No index here starts with
  // the shop: the reports' (shop, created_at) must stay the only one a report's range can use.
  sql << "CREATE INDEX cases_by_email_lower ON cases (lower(customer_email), shop)";
  sql << "CREATE INDEX orders_by_email_lower ON orders (lower(customer_email), shop)";
  // Retention: a shop's finished cases, oldest change first (one range per final state).
  sql << "CREATE INDEX cases_by_state_shop_updated ON cases (state, shop, updated_at)";
  // Each erasure, without personal data: who, when, why, and how much it anonymised.
  sql << "CREATE TABLE erasures ("
         " id TEXT PRIMARY KEY, shop TEXT NOT NULL, at BIGINT NOT NULL,"
         " actor_role TEXT NOT NULL, actor_id TEXT NOT NULL, reason TEXT NOT NULL,"
         " cases BIGINT NOT NULL, orders BIGINT NOT NULL, messages BIGINT NOT NULL,"
         " attachments BIGINT NOT NULL, received BIGINT NOT NULL, kept BIGINT NOT NULL)";
  sql << "CREATE INDEX erasures_by_shop ON erasures (shop, at)";
}

}  // namespace reclaim
