// Shop policies and the deadline alert clock of cases.
#include <soci/soci.h>

#include "storage/dialect.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::vector<std::pair<UnixMs, std::string>> Tx::policies(const std::string &shop) {
  std::vector<std::pair<UnixMs, std::string>> found;
  reads_.query(sql_, "SELECT applies_from, body FROM policies WHERE shop = ? ORDER BY applies_from",
               "nt", {shop},
               [&](const CachedRow &row) { found.emplace_back(row.number(0), row.text(1)); });
  return found;
}

void Tx::put_policy(const std::string &shop, UnixMs applies_from, const std::string &body,
                    UnixMs now) {
  writes_.execute(sql_, "DELETE FROM policies WHERE shop = ? AND applies_from = ?",
                  {shop, static_cast<long long>(applies_from)});
  writes_.execute(sql_,
                  "INSERT INTO policies (shop, applies_from, body, set_at) VALUES (?, ?, ?, ?)",
                  {shop, static_cast<long long>(applies_from), body, static_cast<long long>(now)});
}

std::vector<std::pair<std::string, UnixMs>> Tx::cases_due_for_alerts(UnixMs now, int limit) {
  std::vector<std::pair<std::string, UnixMs>> due;
  const long long at = now;
  // In a write transaction each due case stays locked until the commit, and cases another
  // ticker holds are passed over: several tickers share the work and send each alert once.
  const std::string sql =
      writing_ ? kDueCasesSql + std::string(dialect_.lock_free_rows) : std::string(kDueCasesSql);
  soci::rowset<soci::row> rows = (sql_.prepare << sql, soci::use(at), soci::use(limit));
  for (const auto &row : rows) due.emplace_back(row.get<std::string>(0), integer_at(row, 1));
  return due;
}

void Tx::set_alert_clock(const std::string &case_id, UnixMs done_until, UnixMs next_alert_at) {
  writes_.execute(sql_, "UPDATE cases SET alerts_done_until = ?, next_alert_at = ? WHERE id = ?",
                  {static_cast<long long>(done_until), static_cast<long long>(next_alert_at),
                   case_id});
}

}  // namespace reclaim
