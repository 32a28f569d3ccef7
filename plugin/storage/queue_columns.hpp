// The schema migration of the staff queue (see schema.cpp): the columns and indexes its filters
// and its search need, filled for the cases that exist already.
#pragma once

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace reclaim {

// The migration's number. Migrations are numbered in the order they were merged; this one
// follows the staff tables (7).
inline constexpr int kQueueMigration = 10;

// Adds cases.priority and the case_tags table (both filled from each case's document), and the
// indexes of the queue: by decision date (all cases, one person's), SKU search, tags.
void add_queue_columns(soci::session &sql);

// The second queue migration: it follows seq numbers by transaction (14).
inline constexpr int kQueueStateMigration = 15;

// The index of the desk's default view: one person's cases and the unassigned ones, by state,
// undecided or not (the overdue filter), nearest decision first. A page reads its ids from it
// alone, and a count by state walks at most CaseQuery::count_limit + 1 of its entries
// (tx_queue.cpp).
void add_queue_state_index(soci::session &sql);

// The third queue migration: it follows the supplier claims (17).
inline constexpr int kQueueRowMigration = 18;

// Adds cases.customer_name and cases.tags (the tags in their order, as a JSON array; '' for
// none), filled from each case's document, so that the desk's page reads its rows from the
// columns alone. An erasure blanks the name with the rest (it rewrites the case).
void add_queue_row_columns(soci::session &sql);

// The tags column's text for a case's tags.
std::string tags_column(const std::vector<std::string> &tags);

}  // namespace reclaim
