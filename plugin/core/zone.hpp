// Shop time zones, from the system's tz database (howardhinnant date/tz over /usr/share/zoneinfo).
#pragma once

#include <string>

#include "core/time.hpp"

namespace date {
class time_zone;
}

namespace reclaim {

class Zone {
 public:
  // Throws Error(invalid_argument) for a name the tz database does not know.
  explicit Zone(const std::string &name);

  const std::string &name() const { return name_; }
  // The calendar year of an instant on the shop's wall clock.
  int local_year(UnixMs at) const;

 private:
  std::string name_;
  const date::time_zone *zone_;
};

}  // namespace reclaim
