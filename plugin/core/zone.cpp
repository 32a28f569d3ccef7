#include "core/zone.hpp"

#include <date/tz.h>

#include "core/error.hpp"

namespace reclaim {

Zone::Zone(const std::string &name) : name_(name), zone_(nullptr) {
  try {
    zone_ = date::locate_zone(name);
  } catch (const std::exception &) {
    fail(Status::invalid_argument, "unknown time zone '" + name + "'");
  }
}

int Zone::local_year(UnixMs at) const {
  return int{date::year_month_day{local_day(at)}.year()};
}

Day Zone::local_day(UnixMs at) const {
  using namespace std::chrono;
  const auto local = zone_->to_local(sys_time<milliseconds>{milliseconds{at}});
  return Day{date::floor<date::days>(local).time_since_epoch()};
}

std::string Zone::local_time_text(UnixMs at) const {
  using namespace std::chrono;
  const date::zoned_time<minutes> zoned{zone_, floor<minutes>(sys_time<milliseconds>{milliseconds{at}})};
  return date::format("%H:%M %Z", zoned);
}

UnixMs Zone::start_of_day(Day day) const {
  using namespace std::chrono;
  // A midnight skipped by a DST change (a few zones do that) means the first instant after it.
  const date::local_seconds midnight{day.time_since_epoch()};
  const auto at = zone_->to_sys(midnight, date::choose::earliest);
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

UnixMs Zone::end_of_day(Day day) const {
  return start_of_day(day + date::days{1}) - 1000;
}

}  // namespace reclaim
