// The case queue: lists and counts of cases by the filters of CaseQuery, the desk's rows read
// from columns alone, and the columns only the queue reads (priority, tags, the customer's
// name), kept beside each case's document. Every filter and limit is a bound parameter; only
// fixed column names, the vocabulary's state names and markers enter the SQL text.
#include <boost/json/parse.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "codec/case_json.hpp"
#include "core/vocabulary.hpp"
#include "storage/queue_columns.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

// The FROM and WHERE clauses and the values their markers stand for, bound in order.
struct Where {
  void text(const std::string &value) { params.emplace_back(value); }
  void number(long long value) { params.emplace_back(value); }
  std::string sql;
  std::vector<Param> params;
};

// The FROM and WHERE clauses of `query`'s filters; the states only when `with_states` (the
// counts leave them out).
void add_filters(Where &where, const CaseQuery &query, bool with_states) {
  if (query.search.empty()) {
    where.sql += " FROM cases WHERE 1 = 1";
  } else {
    // The search's matches first, each an index search of its own, then the cases they name by
    // primary key: CROSS JOIN keeps that order in SQLite, so a search never walks a shop's
    // cases whatever the other filters. The e-mail address and the SKU are looked up without
    // the shop (the outer filters have it): with it, SQLite's planner would rather walk the
    // reports' index (shop, …) than (lower(customer_email), shop) or (sku, shop). An order is
    // found by its number first, then its cases by (shop, order_id).
    const bool shop = !query.shop.empty();
    const std::string in_shop = shop ? " AND shop = ?" : "";
    where.sql += " FROM (SELECT id AS found_id FROM cases WHERE number = ?" + in_shop +
                 " UNION SELECT id FROM cases WHERE order_id = ?" + in_shop +
                 " UNION SELECT id FROM cases WHERE lower(customer_email) = lower(CAST(? AS TEXT))"
                 " UNION SELECT c.id FROM orders o CROSS JOIN cases c WHERE o.number = ?" +
                 (shop ? " AND o.shop = ?" : "") +
                 " AND c.shop = o.shop AND c.order_id = o.id"
                 " UNION SELECT case_id FROM case_items WHERE sku = ?) AS found"
                 " CROSS JOIN cases WHERE cases.id = found.found_id";
    const auto in_the_shop = [&](const std::string &text) {
      where.text(text);
      if (shop) where.text(query.shop);
    };
    in_the_shop(query.search);
    in_the_shop(query.search);
    where.text(query.search);
    in_the_shop(query.search);
    where.text(query.search);
  }
  if (!query.shop.empty()) where.sql += " AND shop = ?", where.text(query.shop);
  if (with_states && !query.states.empty()) {
    where.sql += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      where.sql += i ? ", ?" : "?";
      where.text(std::string(name(query.states[i])));
    }
    where.sql += ")";
  }
  if (query.kind) where.sql += " AND kind = ?", where.text(std::string(name(*query.kind)));
  switch (query.assignee.mode) {
    case AssigneeFilter::Mode::anyone: break;
    case AssigneeFilter::Mode::unassigned: where.sql += " AND assignee = ''"; break;
    case AssigneeFilter::Mode::person:
      where.sql += " AND assignee = ?", where.text(query.assignee.person);
      break;
    case AssigneeFilter::Mode::person_or_unassigned:
      where.sql += " AND assignee IN (?, '')", where.text(query.assignee.person);
      break;
  }
  if (!query.customer_email.empty()) {
    where.sql += " AND customer_email = ?", where.text(query.customer_email);
  }
  if (!query.order_id.empty()) where.sql += " AND order_id = ?", where.text(query.order_id);
  if (!query.reason.empty()) {
    where.sql +=
        " AND EXISTS (SELECT 1 FROM case_items i WHERE i.case_id = cases.id AND"
        " i.reason = ?)";
    where.text(query.reason);
  }
  if (!query.priority.empty()) where.sql += " AND priority = ?", where.text(query.priority);
  if (!query.tag.empty()) {
    where.sql +=
        " AND EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = cases.id AND"
        " t.tag = ?)";
    where.text(query.tag);
  }
  if (!query.channel.empty()) where.sql += " AND channel = ?", where.text(query.channel);
  if (query.created_from) where.sql += " AND created_at >= ?", where.number(*query.created_from);
  if (query.created_to) where.sql += " AND created_at < ?", where.number(*query.created_to);
  if (query.overdue && query.at_risk) {
    where.sql += " AND decided = 0 AND decision_due <= ?";
    where.number(query.now + query.at_risk_ms);
  } else if (query.overdue) {
    where.sql += " AND decided = 0 AND decision_due < ?", where.number(query.now);
  } else if (query.at_risk) {
    where.sql += " AND decided = 0 AND decision_due >= ? AND decision_due <= ?";
    where.number(query.now);
    where.number(query.now + query.at_risk_ms);
  }
}

// The page's ids first, from the queue's indexes alone, then `columns` of those few (one more
// than the limit, to know there is a next page). The limit is bound: the statement is prepared
// once per shape of filters (statement_cache.hpp).
Where page_query(const CaseQuery &query, const std::string &columns) {
  Where where;
  add_filters(where, query, true);
  const char *column = query.sort == CaseSort::created_at   ? "created_at"
                       : query.sort == CaseSort::updated_at ? "updated_at"
                                                            : "decision_due";
  const char *direction = query.descending ? " DESC" : " ASC";
  if (query.after) {
    where.sql += std::string(" AND (") + column + (query.descending ? " < ?" : " > ?") + " OR (" +
                 column + " = ? AND id" + (query.descending ? " < ?" : " > ?") + "))";
    where.number(query.after->first);
    where.number(query.after->first);
    where.text(query.after->second);
  }
  const std::string order =
      std::string(" ORDER BY ") + column + direction + ", id" + direction;
  where.sql = "SELECT " + columns + " FROM cases WHERE id IN (SELECT cases.id" + where.sql + order +
              " LIMIT ?)" + order;
  where.number(query.limit + 1);
  return where;
}

std::vector<std::string> tags_of(const std::string &column) {
  std::vector<std::string> tags;
  if (column.empty()) return tags;
  const boost::json::value list = boost::json::parse(column);
  for (const auto &tag : list.as_array()) tags.emplace_back(tag.as_string());
  return tags;
}

}  // namespace

std::vector<Case> Tx::cases(const CaseQuery &query) {
  const Where page = page_query(query, "body");
  std::vector<Case> out;
  reads_.query(sql_, page.sql, "t", page.params, [&](const CachedRow &row) {
    out.push_back(codec::case_from_text(row.text(0)));
  });
  return out;
}

std::vector<QueueRow> Tx::queue_rows(const CaseQuery &query) {
  const Where page = page_query(
      query,
      "id, shop, number, version, kind, state, channel, customer_name, customer_email, order_id,"
      " assignee, priority, tags, created_at, updated_at, decision_due");
  std::vector<QueueRow> out;
  reads_.query(sql_, page.sql, "tttn" "ttttttttt" "nnn", page.params,
               [&](const CachedRow &row) {
                 QueueRow &r = out.emplace_back();
                 r.id = row.text(0);
                 r.shop = row.text(1);
                 r.number = row.text(2);
                 r.version = row.number(3);
                 r.kind = parse_word<Kind>(row.text(4), kKindNames).value_or(Kind::complaint);
                 r.state = parse_word<State>(row.text(5), kStateNames).value_or(State::received);
                 r.channel = row.text(6);
                 r.customer_name = row.text(7);
                 r.customer_email = row.text(8);
                 r.order_id = row.text(9);
                 r.assignee = row.text(10);
                 r.priority = row.text(11);
                 r.tags = tags_of(row.text(12));
                 r.created_at = row.number(13);
                 r.updated_at = row.number(14);
                 if (row.number(15) != kMaxTime) r.decision_due = row.number(15);
               });
  return out;
}

StateCounts Tx::case_counts(const CaseQuery &query) {
  StateCounts out;
  const auto count = [&](const std::string &state, std::int64_t n) {
    if (n == 0) return;
    out.n[state] = std::min<std::int64_t>(n, query.count_limit);
    if (n > query.count_limit) out.more.insert(state);
  };
  Where where;
  if (!query.search.empty()) {
    // A search's matches are found once and grouped: the set is the search's own (an address,
    // an order, a SKU), and a statement per state would find it again for each.
    where.sql = "SELECT state, COUNT(*)";
    add_filters(where, query, false);
    where.sql += " GROUP BY state";
    reads_.query(sql_, where.sql, "tn", where.params,
                 [&](const CachedRow &row) { count(row.text(0), row.number(1)); });
    return out;
  }
  // One statement: per state, the first count_limit + 1 matching cases, counted. The state
  // names are the vocabulary's own, written into the SQL as literals.
  int branch = 0;
  for (const auto state : kStateNames) {
    const std::string literal = std::string("'").append(state).append("'");
    if (branch) where.sql += " UNION ALL ";
    where.sql += "SELECT " + literal + ", COUNT(*) FROM (SELECT 1";
    add_filters(where, query, false);
    where.sql += " AND state = " + literal + " LIMIT ?) AS counted_" + std::to_string(branch++);
    where.number(query.count_limit + 1);
  }
  reads_.query(sql_, where.sql, "tn", where.params,
               [&](const CachedRow &row) { count(row.text(0), row.number(1)); });
  return out;
}

void Tx::write_case_tags(const Case &c, bool replace) {
  if (replace) writes_.execute(sql_, "DELETE FROM case_tags WHERE case_id = ?", {c.id});
  for (const auto &tag : std::set<std::string>(c.tags.begin(), c.tags.end())) {
    writes_.execute(sql_, "INSERT INTO case_tags (case_id, shop, tag) VALUES (?, ?, ?)",
                    {c.id, c.shop, tag});
  }
}

}  // namespace reclaim
