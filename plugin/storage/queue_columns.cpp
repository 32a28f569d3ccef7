#include "storage/queue_columns.hpp"

#include <soci/soci.h>

#include <set>
#include <string>
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

}  // namespace reclaim
