// The schema migration of supplier claims (see schema.cpp): one row per claim beside the case
// body, so that the reports by supplier read an index range instead of case documents; and the
// refund columns of exchanges decided before it, which now count what a cheaper one pays back.
#pragma once

#include "core/model.hpp"
#include "storage/statement_cache.hpp"

namespace soci {
class session;
}

namespace reclaim {

// The migration's number: it follows dispositions (16).
inline constexpr int kSupplierClaimsMigration = 17;

void add_supplier_claims_table(soci::session &sql);

// Writes the rows of the case's claims as they stand (a claim's row changes when it is answered).
void write_supplier_claims(StatementCache &writes, soci::session &sql, const Case &subject);

}  // namespace reclaim
