#include "http/page_dates.hpp"

#include <date/tz.h>

#include "core/messages.hpp"

namespace reclaim::http {

namespace {

// The shop's wall clock at an instant: the day, and the minutes since its midnight as the
// clock reads them (so a day the clocks change still shows the time people saw).
std::pair<Day, int> wall_clock(const std::string &zone, UnixMs at) {
  const auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
  const auto local =
      date::make_zoned(date::locate_zone(zone), std::chrono::floor<std::chrono::minutes>(instant))
          .get_local_time();
  const auto day = std::chrono::floor<date::days>(local);
  // zoned_time keeps at least seconds: count minutes explicitly.
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day);
  return {Day(day.time_since_epoch()), static_cast<int>(minutes.count())};
}

}  // namespace

std::string page_date(const std::string &zone, UnixMs at, std::string_view lang) {
  return long_date_text(wall_clock(zone, at).first, lang);
}

std::string page_date_time(const std::string &zone, UnixMs at, std::string_view lang) {
  const auto [day, minutes] = wall_clock(zone, at);
  return long_date_time_text(day, minutes, lang);
}

}  // namespace reclaim::http
