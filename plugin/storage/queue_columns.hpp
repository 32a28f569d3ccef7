// The schema migration of the staff queue (see schema.cpp): the columns and indexes its filters
// and its search need, filled for the cases that exist already.
#pragma once

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

}  // namespace reclaim
