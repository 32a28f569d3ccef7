#include "storage/staff_accounts_table.hpp"

#include <soci/soci.h>

namespace reclaim {

void add_staff_accounts(soci::session &sql) {
  sql << "CREATE TABLE staff_accounts ("
         " id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, shops TEXT NOT NULL,"
         " locale TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL,"
         " failed_logins INTEGER NOT NULL, locked_until BIGINT NOT NULL,"
         " created_at BIGINT NOT NULL, changed_at BIGINT NOT NULL)";
}

}  // namespace reclaim
