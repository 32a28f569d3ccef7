// The schema migration of dispositions (see schema.cpp): what becomes of goods received back,
// per claimed item, for the reports by SKU, supplier and category.
#pragma once

namespace soci {
class session;
}

namespace reclaim {

// The migration's number: it follows the queue's state index (15).
inline constexpr int kDispositionMigration = 16;

// case_items' units received back per disposition, in core/vocabulary.hpp kDispositions' order
// (the SQL of tx_cases.cpp and report_sql.hpp lists them in that order too).
inline constexpr const char *kDisposedColumns[] = {"disposed_restock", "disposed_quarantine",
                                                   "disposed_scrap", "disposed_repair",
                                                   "disposed_return_to_supplier"};

// Adds those columns and rebuilds the reports' covering index of case_items with them. Goods
// received before had no disposition, so nothing is backfilled.
void add_disposition_columns(soci::session &sql);

}  // namespace reclaim
