// The queries reports run. Each reads one range of a covering index (checked by a query-plan test):
// a report never scans a table or parses a case document.
#pragma once

#include <string>

#include "core/report.hpp"

namespace reclaim {

// Per case, cases opened in [:begin, :end) of one shop (optionally " AND kind = :kind").
inline constexpr const char *kReportCasesSql =
    "SELECT id, created_at, kind, state, channel, assignee, decision_due, decided_at, outcome,"
    " resolved_at, first_response_at, rating, reopened, repeat_order FROM cases"
    " WHERE shop = :shop AND created_at >= :begin AND created_at < :end";

// Per item of the same cases.
inline constexpr const char *kReportItemsSql =
    "SELECT case_id, sku, category, supplier, reason, qty, active, resolution, refund_amount,"
    " refund_currency, disposed_restock, disposed_quarantine, disposed_scrap, disposed_repair,"
    " disposed_return_to_supplier FROM case_items WHERE shop = :shop AND created_at >= :begin"
    " AND created_at < :end";

// Per claim against a supplier made in [:begin, :end) (optionally " AND kind = :kind").
inline constexpr const char *kReportClaimsSql =
    "SELECT supplier, answer, answer_due, claimed_amount, claimed_currency, recovered_amount,"
    " recovered_currency FROM supplier_claims WHERE shop = :shop AND claimed_at >= :begin"
    " AND claimed_at < :end";

// Units sold per sku, supplier or category on orders placed in [:begin, :end).
inline std::string units_sold_sql(Grouping grouping) {
  const std::string column(name(grouping));  // a fixed word: sku, supplier or category
  return "SELECT " + column +
         ", SUM(qty) FROM order_lines WHERE shop = :shop AND"
         " placed_at >= :begin AND placed_at < :end GROUP BY " +
         column;
}

}  // namespace reclaim
