// One customer's history for the abuse limits (core/abuse.hpp): their recent cases and orders.
#include <soci/soci.h>

#include "codec/case_json.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::vector<Case> Tx::customer_cases(const std::string &shop, const std::string &email,
                                     UnixMs since) {
  std::vector<Case> cases;
  if (email.empty()) return cases;
  reads_.query(
      sql_,
      "SELECT body FROM cases WHERE lower(customer_email) = lower(CAST(? AS TEXT)) AND shop = ?"
      " AND created_at >= ? ORDER BY created_at DESC, id LIMIT ?",
      "t", {email, shop, static_cast<long long>(since), static_cast<long long>(kHistoryCases)},
      [&](const CachedRow &row) {
        cases.push_back(codec::case_from_text(row.text(0)));
      });
  return cases;
}

std::vector<std::string> Tx::customer_orders(const std::string &shop, const std::string &email,
                                             UnixMs since) {
  std::vector<std::string> ids;
  if (email.empty()) return ids;
  reads_.query(
      sql_,
      "SELECT id FROM orders WHERE lower(customer_email) = lower(CAST(? AS TEXT)) AND shop = ?"
      " AND COALESCE(placed_at, imported_at) >= ?",
      "t", {email, shop, static_cast<long long>(since)},
      [&](const CachedRow &row) { ids.push_back(row.text(0)); });
  return ids;
}

}  // namespace reclaim
