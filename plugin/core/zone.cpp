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
  using namespace std::chrono;
  const auto local = zone_->to_local(sys_time<milliseconds>{milliseconds{at}});
  const date::year_month_day ymd{date::floor<date::days>(local)};
  return int{ymd.year()};
}

}  // namespace reclaim
