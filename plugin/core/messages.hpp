// What eligibility answers say to customers, in Polish, English and Russian.
#pragma once

#include <string>
#include <string_view>

#include "core/calendar.hpp"

namespace reclaim {

struct MessageArgs {
  std::string date;    // a day, written for the locale
  std::string detail;  // a count or a word the message names
};

// The message for a stable eligibility code in "pl", "en" or "ru" (English for anything else).
// Unknown codes give the code itself, so a missing translation is visible, never empty.
std::string eligibility_message(std::string_view code, std::string_view locale,
                                const MessageArgs &args);

// 07.12.2026 for Polish and Russian, 2026-12-07 for English (reports, tables).
std::string local_date_text(Day day, std::string_view locale);

// A day as a sentence to a customer writes it: "14 grudnia 2026", "14 December 2026",
// "14 декабря 2026" (Polish and Russian months in the genitive, as after a day number).
std::string long_date_text(Day day, std::string_view locale);
// "199,99 PLN" in Polish and Russian, "199.99 PLN" in English, with the currency's decimals and
// a no-break space that keeps the currency with its amount.
struct Money;
std::string local_money_text(const Money &money, std::string_view locale);
// The same with a wall-clock time, where the time matters (a statement's submission):
// "14 grudnia 2026, 10:15". `minutes` counts from midnight.
std::string long_date_time_text(Day day, int minutes, std::string_view locale);

}  // namespace reclaim
