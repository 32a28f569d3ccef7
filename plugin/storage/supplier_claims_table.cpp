#include "storage/supplier_claims_table.hpp"

#include <soci/soci.h>

namespace reclaim {

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
