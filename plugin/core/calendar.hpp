// Working days per country, for counting statutory deadlines: weekends, public holidays computed
// per year (Easter-based ones included), and the shop's own extra days off and working days.
#pragma once

#include <date/date.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reclaim {

using Day = date::sys_days;  // a calendar date, not an instant

// Which public holidays apply and whether Saturday ends a period like a holiday does.
enum class Country { none, pl, ru };

class Calendar {
 public:
  explicit Calendar(Country country = Country::none, std::set<Day> extra_days_off = {},
                    std::set<Day> extra_working_days = {});

  Country country() const { return country_; }
  // Public holidays of the country in one year, in date order.
  std::vector<Day> public_holidays(int year) const;
  bool public_holiday(Day day) const;
  // A day a period may end on: not a weekend, not a holiday, unless declared a working day.
  bool working_day(Day day) const;
  // The day itself when it is a working day, else the next working day.
  Day roll_forward(Day day) const;

 private:
  Country country_;
  // Filled as years are asked for; unguarded, so a Calendar belongs to one thread at a time.
  mutable std::map<int, std::vector<Day>> holidays_by_year_;
  std::set<Day> extra_days_off_;
  std::set<Day> extra_working_days_;
};

// Western (Gregorian) Easter Sunday, by the anonymous Gregorian computus.
Day easter_sunday(int year);

// Calendar arithmetic for periods in months: the same day number, or the month's last day when
// the month is shorter (PL Civil Code art. 112, RU Civil Code ст. 192).
Day add_months(Day day, int months);

// "2026-12-31" → Day; nullopt for anything else.
std::optional<Day> parse_day(const std::string &text);
std::string format_day(Day day);

}  // namespace reclaim
