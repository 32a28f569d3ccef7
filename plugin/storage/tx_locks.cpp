// What a write transaction locks besides the rows it writes: the rows it read to change them,
// and named locks for rules that span rows (a shop's limit of canned replies).
#include <soci/soci.h>

#include "storage/dialect.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::string Tx::locking(const std::string &sql) const {
  return writing_ ? sql + dialect_.lock_rows : sql;
}

void Tx::lock_name(const std::string &name) {
  if (dialect_.named_lock) writes_.execute(sql_, dialect_.named_lock, {name});
}

}  // namespace reclaim
