#include "storage/canned_replies_table.hpp"

#include <soci/soci.h>

namespace reclaim {

void add_canned_replies(soci::session &sql) {
  sql << "CREATE TABLE canned_replies ("
         " id TEXT PRIMARY KEY, shop TEXT NOT NULL, locale TEXT NOT NULL, reason TEXT NOT NULL,"
         " title TEXT NOT NULL, body TEXT NOT NULL, updated_at BIGINT NOT NULL,"
         " updated_by TEXT NOT NULL)";
  sql << "CREATE INDEX canned_replies_by_shop ON canned_replies (shop, locale, title)";
}

}  // namespace reclaim
