// Shop time zones, from the system's tz database (howardhinnant date/tz over /usr/share/zoneinfo).
#pragma once

#include <string>

#include "core/calendar.hpp"
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
  // The date on the shop's wall clock at an instant.
  Day local_day(UnixMs at) const;
  // The wall-clock time of an instant, "14:05 CET" (hours, minutes, the zone's abbreviation).
  std::string local_time_text(UnixMs at) const;
  // The last second of a date on the shop's wall clock (23:59:59 local), as an instant.
  UnixMs end_of_day(Day day) const;
  // Midnight at the start of a date on the shop's wall clock, as an instant.
  UnixMs start_of_day(Day day) const;

 private:
  std::string name_;
  const date::time_zone *zone_;
};

}  // namespace reclaim
