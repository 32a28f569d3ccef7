#include "core/calendar.hpp"

#include <algorithm>
#include <cstdio>

namespace reclaim {

using namespace date;

namespace {

Day on(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

std::vector<Day> polish_holidays(int y) {
  // Ustawa o dniach wolnych od pracy (1951), as amended; 24 December from 2025.
  const Day easter = easter_sunday(y);
  std::vector<Day> list{on(y, 1, 1),  on(y, 1, 6),  easter,            easter + days{1},
                        on(y, 5, 1),  on(y, 5, 3),  easter + days{49}, easter + days{60},
                        on(y, 8, 15), on(y, 11, 1), on(y, 11, 11),     on(y, 12, 25),
                        on(y, 12, 26)};
  if (y >= 2025) list.push_back(on(y, 12, 24));
  return list;
}

std::vector<Day> russian_holidays(int y) {
  // Labour Code ст. 112: 1–6 and 8 January, 7 January, 23 February, 8 March, 1 and 9 May,
  // 12 June, 4 November. A holiday on a weekend moves to the next working day, except the
  // January ones, whose transfers the government sets each year (configure them as extra days).
  std::vector<Day> list;
  for (unsigned d = 1; d <= 8; ++d) list.push_back(on(y, 1, d));
  const Day movable[] = {on(y, 2, 23), on(y, 3, 8), on(y, 5, 1), on(y, 5, 9), on(y, 6, 12),
                         on(y, 11, 4)};
  for (const Day holiday : movable) {
    list.push_back(holiday);
    const weekday wd{holiday};
    if (wd == Saturday) list.push_back(holiday + days{2});
    if (wd == Sunday) list.push_back(holiday + days{1});
  }
  return list;
}

int year_of(Day day) { return int{year_month_day{day}.year()}; }

}  // namespace

Calendar::Calendar(Country country, std::set<Day> extra_days_off, std::set<Day> extra_working_days)
    : country_(country),
      extra_days_off_(std::move(extra_days_off)),
      extra_working_days_(std::move(extra_working_days)) {}

std::vector<Day> Calendar::public_holidays(int y) const {
  std::vector<Day> found;
  if (country_ == Country::pl) found = polish_holidays(y);
  if (country_ == Country::ru) found = russian_holidays(y);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

bool Calendar::public_holiday(Day day) const {
  const int y = year_of(day);
  auto cached = holidays_by_year_.find(y);
  if (cached == holidays_by_year_.end()) cached = holidays_by_year_.emplace(y, public_holidays(y)).first;
  const auto &holidays = cached->second;
  return std::binary_search(holidays.begin(), holidays.end(), day);
}

bool Calendar::working_day(Day day) const {
  if (extra_working_days_.count(day)) return true;
  if (extra_days_off_.count(day)) return false;
  const weekday wd{day};
  if (wd == Saturday || wd == Sunday) return false;
  return !public_holiday(day);
}

Day Calendar::roll_forward(Day day) const {
  // A year has at most a few dozen days off; the bound only guards against a hostile calendar.
  for (int i = 0; i < 400 && !working_day(day); ++i) day += days{1};
  return day;
}

Day easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_number = (h + l - 7 * m + 114) / 31;
  const int day_number = (h + l - 7 * m + 114) % 31 + 1;
  return on(y, static_cast<unsigned>(month_number), static_cast<unsigned>(day_number));
}

Day add_months(Day day, int months) {
  const year_month_day ymd{day};
  const year_month target = year_month{ymd.year(), ymd.month()} + date::months{months};
  const auto last = year_month_day_last{target.year(), month_day_last{target.month()}};
  const date::day wanted = ymd.day() < last.day() ? ymd.day() : last.day();
  return sys_days{target.year() / target.month() / wanted};
}

std::optional<Day> parse_day(const std::string &text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok() || y < 1) return std::nullopt;
  return sys_days{ymd};
}

std::string format_day(Day day) {
  const year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int{ymd.year()}, unsigned{ymd.month()},
                unsigned{ymd.day()});
  return text;
}

}  // namespace reclaim
