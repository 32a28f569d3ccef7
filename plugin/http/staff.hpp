// The staff desk under /staff/: sign-in by one-time link, the queue, the case, actions, and the
// same as JSON under /staff/api/v1/. Shared by staff_pages.cpp and staff_api.cpp.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/staff.hpp"
#include "http/site.hpp"

namespace reclaim::http {

// Everything whose path (below base_path) is /staff or starts with /staff/. Never throws.
Response staff_route(Call &call, std::string_view path);

// The signed-in member of staff of a request: the session and its cookie's secret.
struct StaffCall {
  std::string secret;
  StaffSession session;
  const StaffMember &staff() const { return session.staff; }
};

inline constexpr std::string_view kStaffCookie = "rc_staff";

// The queue's filters from query parameters (state, kind, overdue, mine, q, after, shop, limit)
// as a reclaim_case_list query document, sorted by the nearest decision date first. `shop` is
// the shop the queue shows. Throws Error(invalid_argument) naming the parameter at fault.
boost::json::object staff_queue_query(const StaffMember &staff, const std::string &shop,
                                      const Form &params, int limit);
// The shop the queue shows: ?shop= when the member of staff has it, else the endpoint's shop
// when they have it, else their first.
std::string staff_shop(Call &call, const StaffMember &staff);
// The case a search names by its number, if the member of staff may see it.
std::optional<CaseRecord> staff_case_by_number(Call &call, const StaffMember &staff,
                                               const std::string &q);

// /staff/api/v1/… (`rest` after "/staff/api/v1"); `who` is nullopt without a live session.
Response staff_api_route(Call &call, std::string_view rest, const std::optional<StaffCall> &who);

}  // namespace reclaim::http
