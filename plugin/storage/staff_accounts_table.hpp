// The schema migration of reclaimd's staff accounts (see schema.cpp): one table, one row per
// login, with the Argon2id hash of its password and its lockout state.
#pragma once

namespace soci {
class session;
}

namespace reclaim {

// The migration's number: it follows the staff queue (10).
inline constexpr int kStaffAccountsMigration = 11;

// Creates staff_accounts (id is the login; shops a JSON array of shop ids; times in ms).
void add_staff_accounts(soci::session &sql);

}  // namespace reclaim
