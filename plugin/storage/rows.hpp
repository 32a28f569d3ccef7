// Reading columns of soci rows whatever integer type the backend reports for them.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace reclaim {

inline std::int64_t integer_at(const soci::row &row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(column));
    case soci::dt_double: return static_cast<std::int64_t>(row.get<double>(column));
    case soci::dt_string: return std::stoll(row.get<std::string>(column));
    default: break;
  }
  throw soci::soci_error("column " + std::to_string(column) + " is not an integer");
}

}  // namespace reclaim
