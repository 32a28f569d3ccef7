// Shop policies and the deadline alert clock of cases.
#include <soci/soci.h>

#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::vector<std::pair<UnixMs, std::string>> Tx::policies(const std::string &shop) {
  std::vector<std::pair<UnixMs, std::string>> found;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT applies_from, body FROM policies WHERE shop = :shop"
                       " ORDER BY applies_from",
       soci::use(shop));
  for (const auto &row : rows) found.emplace_back(integer_at(row, 0), row.get<std::string>(1));
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

std::vector<std::string> Tx::cases_due_for_alerts(UnixMs now, int limit) {
  std::vector<std::string> ids;
  const long long at = now;
  soci::rowset<std::string> rows =
      (sql_.prepare << "SELECT id FROM cases WHERE next_alert_at <= :now"
                       " ORDER BY next_alert_at LIMIT :limit",
       soci::use(at), soci::use(limit));
  for (const auto &id : rows) ids.push_back(id);
  return ids;
}

UnixMs Tx::alerts_done_until(const std::string &case_id) {
  long long until = 0;
  sql_ << "SELECT alerts_done_until FROM cases WHERE id = :id", soci::use(case_id),
      soci::into(until);
  return until;
}

void Tx::set_alert_clock(const std::string &case_id, UnixMs done_until, UnixMs next_alert_at) {
  writes_.execute(sql_, "UPDATE cases SET alerts_done_until = ?, next_alert_at = ? WHERE id = ?",
                  {static_cast<long long>(done_until), static_cast<long long>(next_alert_at),
                   case_id});
}

}  // namespace reclaim
