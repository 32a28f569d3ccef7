// Dates and amounts on customer pages, written for the page's language on the shop's wall clock:
// "14 grudnia 2026" where only the day is meant, "23 listopada 2026, 11:00" where the time is.
#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"

namespace reclaim::http {

std::string page_date(const std::string &zone, UnixMs at, std::string_view lang);
std::string page_date_time(const std::string &zone, UnixMs at, std::string_view lang);

}  // namespace reclaim::http
