// The columns reports read, kept beside each case and item on every write (and filled for older
// rows by migration 5), so a report is one index range scan instead of parsing case documents.
#pragma once

#include <array>
#include <iterator>
#include <optional>
#include <string>

#include "core/model.hpp"
#include "storage/statement_cache.hpp"

namespace soci {
class session;
}

namespace reclaim {

struct CaseReportColumns {
  std::string channel;
  std::optional<long long> decided_at, resolved_at, first_response_at, rating;
  std::string outcome;  // "accepted" (at least in part, deemed included), "rejected", or ""
  long long reopened = 0;
};
CaseReportColumns case_report_columns(const Case &subject);

struct ItemReportColumns {
  std::string resolution;                      // accepted resolution type, "" otherwise
  std::string refund_amount, refund_currency;  // "" when the item gives no money back
  std::array<long long, std::size(kDispositions)> disposed{};  // units, in kDispositions' order
};
ItemReportColumns item_report_columns(const CaseItem &item);

// Migration 5: the report columns, their backfill and their indexes (portable SQL only).
void add_report_columns(soci::session &sql);

}  // namespace reclaim
