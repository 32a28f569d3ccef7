#include "storage/privacy_table.hpp"

#include <soci/soci.h>

namespace reclaim {

void add_privacy_tables(soci::session &sql) {
  sql << "ALTER TABLE cases ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0";
  sql << "ALTER TABLE cases ADD COLUMN anonymised_at BIGINT";
  sql << "ALTER TABLE orders ADD COLUMN anonymised_at BIGINT";
  // A person is found by e-mail in any letter case, within one shop.
  sql << "CREATE INDEX cases_by_shop_email ON cases (shop, lower(customer_email))";
  sql << "CREATE INDEX orders_by_shop_email ON orders (shop, lower(customer_email))";
  // Retention: a shop's finished cases, oldest change first.
  sql << "CREATE INDEX cases_by_shop_state_updated ON cases (shop, state, updated_at)";
  // Each erasure, without personal data: who, when, why, and how much it anonymised.
  sql << "CREATE TABLE erasures ("
         " id TEXT PRIMARY KEY, shop TEXT NOT NULL, at BIGINT NOT NULL,"
         " actor_role TEXT NOT NULL, actor_id TEXT NOT NULL, reason TEXT NOT NULL,"
         " cases BIGINT NOT NULL, orders BIGINT NOT NULL, messages BIGINT NOT NULL,"
         " attachments BIGINT NOT NULL, received BIGINT NOT NULL, kept BIGINT NOT NULL)";
  sql << "CREATE INDEX erasures_by_shop ON erasures (shop, at)";
}

}  // namespace reclaim
