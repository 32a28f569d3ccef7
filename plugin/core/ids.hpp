// Record ids that sort by the time they were made.
#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"

namespace reclaim {

// `prefix`, then 20 hex digits as the random ids had: 11 of the millisecond `at` (big-endian,
// so that the text sorts as the time does, until the year 2527) and 9 random (36 bits, drawn
// anew for every id). New rows then land at the right edge of each index keyed by the id
// instead of on a random page of it. The random part only has to tell apart ids made in the
// same millisecond; a clash would fail the insert (the ids are primary keys), never merge
// two records. Times before 1970 count as 0.
std::string time_ordered_id(std::string_view prefix, UnixMs at);

}  // namespace reclaim
