#include "storage/supplier_claims_table.hpp"

#include <soci/soci.h>

#include <utility>
#include <vector>

#include "codec/case_json.hpp"
#include "storage/report_columns.hpp"

namespace reclaim {

namespace {

// Exchanges for cheaper goods decided before this migration pay money back too
// (core/model.hpp money_back): their items' refund columns are filled now.
void refill_exchange_refunds(soci::session &sql) {
  std::vector<std::pair<std::string, std::string>> bodies;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, body FROM cases WHERE id IN"
                        " (SELECT case_id FROM case_items WHERE resolution = 'exchange')");
    for (const auto &row : rows) {
      bodies.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
    }
  }
  for (const auto &[id, body] : bodies) {
    for (const auto &item : codec::case_from_text(body).items) {
      const auto columns = item_report_columns(item);
      const int position = item.item;
      sql << "UPDATE case_items SET refund_amount = :amount, refund_currency = :currency"
             " WHERE case_id = :id AND item = :item",
          soci::use(columns.refund_amount), soci::use(columns.refund_currency), soci::use(id),
          soci::use(position);
    }
  }
}

}  // namespace

void add_supplier_claims_table(soci::session &sql) {
  // Amounts are decimal text, as everywhere; "" when there is none.
  sql << "CREATE TABLE supplier_claims ("
         " case_id TEXT NOT NULL, claim BIGINT NOT NULL, shop TEXT NOT NULL, kind TEXT NOT NULL,"
         " supplier TEXT NOT NULL, claimed_at BIGINT NOT NULL, answer_due BIGINT NOT NULL,"
         " answer TEXT NOT NULL, answered_at BIGINT,"
         " claimed_amount TEXT NOT NULL, claimed_currency TEXT NOT NULL,"
         " recovered_amount TEXT NOT NULL, recovered_currency TEXT NOT NULL,"
         " PRIMARY KEY (case_id, claim))";
  // A report reads one range of this index, never the table (report_sql.hpp).
  sql << "CREATE INDEX supplier_claims_for_reports ON supplier_claims (shop, claimed_at,"
         " kind, supplier, answer, answer_due, answered_at, claimed_amount, claimed_currency,"
         " recovered_amount, recovered_currency)";
  refill_exchange_refunds(sql);
}

void write_supplier_claims(StatementCache &writes, soci::session &sql, const Case &subject) {
  if (subject.supplier_claims.empty()) return;
  writes.execute(sql, "DELETE FROM supplier_claims WHERE case_id = ?", {subject.id});
  for (const auto &claim : subject.supplier_claims) {
    writes.execute(
        sql,
        "INSERT INTO supplier_claims (case_id, claim, shop, kind, supplier, claimed_at,"
        " answer_due, answer, answered_at, claimed_amount, claimed_currency, recovered_amount,"
        " recovered_currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {subject.id, static_cast<long long>(claim.claim), subject.shop,
         std::string(name(subject.kind)), claim.supplier,
         static_cast<long long>(claim.claimed_at), static_cast<long long>(claim.answer_due),
         claim.answer,
         claim.answered_at ? std::optional<long long>(*claim.answered_at) : std::nullopt,
         claim.claimed ? claim.claimed->amount.to_string() : std::string(),
         claim.claimed ? claim.claimed->currency : std::string(),
         claim.recovered ? claim.recovered->amount.to_string() : std::string(),
         claim.recovered ? claim.recovered->currency : std::string()});
  }
}

}  // namespace reclaim
