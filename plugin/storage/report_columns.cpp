#include "storage/report_columns.hpp"

#include <soci/soci.h>


#include "codec/case_json.hpp"

namespace reclaim {

CaseReportColumns case_report_columns(const Case &c) {
  CaseReportColumns out;
  out.channel = c.channel;
  out.decided_at = c.decided_at;
  out.resolved_at = c.resolved_at;
  out.first_response_at = c.first_response_at;
  if (c.rating) out.rating = c.rating->score;
  if (c.decided_at) {
    bool accepted = c.deemed;
    for (const auto &item : c.items) {
      if (item.decision.outcome == ItemDecision::Outcome::accepted) accepted = true;
    }
    out.outcome = accepted ? "accepted" : "rejected";
  }
  out.reopened = c.reopened > 0 ? 1 : 0;
  return out;
}

ItemReportColumns item_report_columns(const CaseItem &item) {
  ItemReportColumns out;
  for (std::size_t i = 0; i < std::size(kDispositions); ++i) {
    const auto found = item.disposed.find(std::string(kDispositions[i]));
    if (found != item.disposed.end()) out.disposed[i] = found->second;
  }
  const auto &decision = item.decision;
  if (decision.outcome != ItemDecision::Outcome::accepted || !decision.resolution) return out;
  out.resolution = name(decision.resolution->type);
  if (const auto back = money_back(item)) {
    out.refund_amount = back->amount.to_string();
    out.refund_currency = back->currency;
  }
  return out;
}

void add_report_columns(soci::session &sql) {
  for (const char *column :
       {"channel TEXT NOT NULL DEFAULT ''", "decided_at BIGINT", "outcome TEXT NOT NULL DEFAULT ''",
        "resolved_at BIGINT", "first_response_at BIGINT", "rating INTEGER",
        "reopened INTEGER NOT NULL DEFAULT 0", "repeat_order INTEGER NOT NULL DEFAULT 0"}) {
    sql << std::string("ALTER TABLE cases ADD COLUMN ") + column;
  }
  for (const char *column :
       {"created_at BIGINT NOT NULL DEFAULT 0", "category TEXT NOT NULL DEFAULT ''",
        "supplier TEXT NOT NULL DEFAULT ''", "resolution TEXT NOT NULL DEFAULT ''",
        "refund_amount TEXT NOT NULL DEFAULT ''", "refund_currency TEXT NOT NULL DEFAULT ''"}) {
    sql << std::string("ALTER TABLE case_items ADD COLUMN ") + column;
  }
  sql << "ALTER TABLE order_lines ADD COLUMN placed_at BIGINT";

  // Existing cases: their documents hold what the columns need.
  std::vector<std::pair<std::string, std::string>> bodies;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, body FROM cases");
    for (const auto &row : rows) {
      bodies.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
    }
  }
  for (const auto &[id, body] : bodies) {
    const Case c = codec::case_from_text(body);
    const auto cols = case_report_columns(c);
    const auto null_or = [](const std::optional<long long> &v) {
      return v ? soci::i_ok : soci::i_null;
    };
    long long decided = cols.decided_at.value_or(0), resolved = cols.resolved_at.value_or(0),
              first = cols.first_response_at.value_or(0), rating = cols.rating.value_or(0);
    soci::indicator decided_known = null_or(cols.decided_at),
                    resolved_known = null_or(cols.resolved_at),
                    first_known = null_or(cols.first_response_at),
                    rating_known = null_or(cols.rating);
    sql << "UPDATE cases SET channel = :channel, decided_at = :decided, outcome = :outcome,"
           " resolved_at = :resolved, first_response_at = :first, rating = :rating,"
           " reopened = :reopened WHERE id = :id",
        soci::use(cols.channel), soci::use(decided, decided_known), soci::use(cols.outcome),
        soci::use(resolved, resolved_known), soci::use(first, first_known),
        soci::use(rating, rating_known), soci::use(cols.reopened), soci::use(id);
    for (const auto &item : c.items) {
      const auto ic = item_report_columns(item);
      const int position = item.item;
      sql << "UPDATE case_items SET resolution = :resolution, refund_amount = :amount,"
             " refund_currency = :currency WHERE case_id = :id AND item = :item",
          soci::use(ic.resolution), soci::use(ic.refund_amount), soci::use(ic.refund_currency),
          soci::use(id), soci::use(position);
    }
  }
  sql << "UPDATE case_items SET created_at = (SELECT c.created_at FROM cases c"
         " WHERE c.id = case_items.case_id)";
  for (const char *column : {"category", "supplier"}) {
    sql << std::string("UPDATE case_items SET ") + column + " = COALESCE((SELECT l." + column +
               " FROM order_lines l WHERE l.shop = case_items.shop AND"
               " l.order_id = case_items.order_id AND l.line_id = case_items.line_id), '')";
  }
  sql << "UPDATE order_lines SET placed_at = (SELECT o.placed_at FROM orders o"
         " WHERE o.shop = order_lines.shop AND o.id = order_lines.order_id)";
  // A repeat: an earlier case of the same customer on the same order.
  sql << "UPDATE cases SET repeat_order = 1 WHERE order_id <> '' AND customer_email <> '' AND"
         " EXISTS (SELECT 1 FROM cases p WHERE p.shop = cases.shop AND"
         " p.order_id = cases.order_id AND p.customer_email = cases.customer_email AND"
         " (p.created_at < cases.created_at OR (p.created_at = cases.created_at AND"
         " p.id < cases.id)))";

  // Covering indexes: a report reads one range of each, never the tables.
  sql << "CREATE INDEX cases_for_reports ON cases (shop, created_at, kind, state, channel,"
         " assignee, decision_due, decided_at, outcome, resolved_at, first_response_at, rating,"
         " reopened, repeat_order, id)";
  sql << "CREATE INDEX case_items_for_reports ON case_items (shop, created_at, case_id, sku,"
         " category, supplier, reason, qty, active, resolution, refund_amount, refund_currency)";
  sql << "CREATE INDEX order_lines_by_placed ON order_lines (shop, placed_at, sku, category,"
         " supplier, qty)";
}

}  // namespace reclaim
