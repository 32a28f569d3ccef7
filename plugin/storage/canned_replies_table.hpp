// The schema migration of canned replies (see schema.cpp): one table of the texts each shop
// prepares for its staff, per language and complaint reason.
#pragma once

namespace soci {
class session;
}

namespace reclaim {

// The migration's number: it follows reclaimd's staff accounts (11).
inline constexpr int kCannedRepliesMigration = 12;

// Creates canned_replies (reason '' for any reason; times in ms).
void add_canned_replies(soci::session &sql);

}  // namespace reclaim
