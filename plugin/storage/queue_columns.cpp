#include "storage/queue_columns.hpp"

#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "codec/case_json.hpp"

namespace reclaim {

void add_queue_columns(soci::session &sql) {
  sql << "ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'";
  sql << "CREATE TABLE case_tags ("
         " case_id TEXT NOT NULL, shop TEXT NOT NULL, tag TEXT NOT NULL,"
         " PRIMARY KEY (case_id, tag))";
  sql << "CREATE INDEX case_tags_by_tag ON case_tags (shop, tag)";
  // The queue's order (nearest decision first), with or without one assignee, so that a page is
  // an index walk that stops after `limit` rows (the shop, an equality, does not break the
  // order). None of them starts with the shop: the reports' indexes (shop, created_at) stay the
  // only ones a report's range over a shop can use.
  sql << "CREATE INDEX cases_by_due_shop ON cases (decision_due, shop, id)";
  sql << "CREATE INDEX cases_by_assignee_due ON cases (assignee, shop, decision_due, id)";
  sql << "CREATE INDEX case_items_by_sku ON case_items (sku, shop)";

  // Existing cases: their documents hold their priority and tags.
  std::vector<std::pair<std::string, std::string>> bodies;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, body FROM cases");
    for (const auto &row : rows)
      bodies.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
  }
  for (const auto &[id, body] : bodies) {
    const Case c = codec::case_from_text(body);
    if (c.priority != "normal") {
      sql << "UPDATE cases SET priority = :priority WHERE id = :id", soci::use(c.priority),
          soci::use(id);
    }
    for (const auto &tag : std::set<std::string>(c.tags.begin(), c.tags.end())) {
      sql << "INSERT INTO case_tags (case_id, shop, tag) VALUES (:id, :shop, :tag)", soci::use(id),
          soci::use(c.shop), soci::use(tag);
    }
  }
}

void add_queue_state_index(soci::session &sql) {
  sql << "CREATE INDEX cases_by_assignee_state_due ON cases"
         " (assignee, shop, state, decided, decision_due, id)";
}

std::string tags_column(const std::vector<std::string> &tags) {
  if (tags.empty()) return {};
  boost::json::array list;
  for (const auto &tag : tags) list.emplace_back(tag);
  return boost::json::serialize(list);
}

void add_queue_row_columns(soci::session &sql) {
  sql << "ALTER TABLE cases ADD COLUMN customer_name TEXT NOT NULL DEFAULT ''";
  sql << "ALTER TABLE cases ADD COLUMN tags TEXT NOT NULL DEFAULT ''";
  // A thousand documents at a time, in the order of their ids: a million cases never sit in
  // memory at once.
  std::string id, name, tags;
  soci::statement fill = (sql.prepare << "UPDATE cases SET customer_name = :name, tags = :tags"
                                         " WHERE id = :id",
                          soci::use(name), soci::use(tags), soci::use(id));
  std::string last;
  for (;;) {
    std::vector<std::tuple<std::string, std::string, std::string>> filled;
    std::size_t read = 0;
    {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id, body FROM cases WHERE id > :last ORDER BY id LIMIT 1000",
           soci::use(last));
      for (const auto &row : rows) {
        ++read;
        last = row.get<std::string>(0);
        const Case c = codec::case_from_text(row.get<std::string>(1));
        if (!c.customer.name.empty() || !c.tags.empty()) {
          filled.emplace_back(last, c.customer.name, tags_column(c.tags));
        }
      }
    }
    for (auto &[case_id, case_name, case_tags] : filled) {
      id = case_id, name = case_name, tags = case_tags;
      fill.execute(true);
    }
    if (read < 1000) return;
  }
}

}  // namespace reclaim
