// The outbox: events in seq order, read by hosts with a cursor that never steps over one.
#include <soci/soci.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "storage/dialect.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::vector<Event> Tx::events(const EventQuery &query) {
  const long long after = query.after;
  const int limit = query.limit;
  // One statement per filter, so each can walk its own index in sequence order. Each stops
  // below the horizon: past it, an event may still commit with a smaller seq than one shown.
  const std::string columns =
      "SELECT seq, type, case_id, case_number, shop, at, customer_visible, data FROM events"
      " WHERE seq < " +
      std::string(dialect_.seq_horizon);
  soci::rowset<soci::row> rows =
      !query.case_id.empty()
          ? (sql_.prepare << columns +
                                 " AND case_id = :case_id AND seq > :after AND"
                                 " (:shop = '' OR shop = :shop2) ORDER BY seq LIMIT :limit",
             soci::use(query.case_id), soci::use(after), soci::use(query.shop),
             soci::use(query.shop), soci::use(limit))
      : !query.shop.empty()
          ? (sql_.prepare << columns +
                                 " AND seq > :after AND shop = :shop ORDER BY seq"
                                 " LIMIT :limit",
             soci::use(after), soci::use(query.shop), soci::use(limit))
          : (sql_.prepare << columns + " AND seq > :after ORDER BY seq LIMIT :limit",
             soci::use(after), soci::use(limit));
  std::vector<Event> out;
  for (const auto &row : rows) {
    Event event;
    event.seq = integer_at(row, 0);
    event.type = row.get<std::string>(1);
    event.case_id = row.get<std::string>(2);
    event.case_number = row.get<std::string>(3);
    event.shop = row.get<std::string>(4);
    event.at = integer_at(row, 5);
    event.customer_visible = integer_at(row, 6) != 0;
    event.data = boost::json::parse(row.get<std::string>(7)).as_object();
    out.push_back(std::move(event));
  }
  return out;
}

}  // namespace reclaim
