// The staff desk under /staff/: sign-in by one-time link, the queue, the case, actions, and the
// same as JSON under /staff/api/v1/. Shared by the staff_*.cpp files of this folder.
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

// The queue's filters as the page's form and the JSON API take them (staff_filters.cpp).
//   state     open (default: the states that need work), all, a state, or states comma-separated
//   assignee  mine_or_unassigned (default), mine, unassigned, any, or a person's id
//   person    a person's id (the page's text field; wins over `assignee` when given)
//   kind, reason, priority, channel: one of their words; tag: one tag
//   at_risk=1, overdue=1 (both: either); q: case number, order id or number, e-mail, SKU
//   after     the cursor of the next page; mine=1 is the older spelling of assignee=mine
struct QueueFilter {
  std::string shop;
  std::string state = "open";
  std::string assignee = "mine_or_unassigned";
  std::string person;
  std::string kind, reason, priority, channel, tag, q, after;
  bool at_risk = false, overdue = false;
  int limit = 50;

  // The filters as a query string, without `after` (for the next page, the counts, the export),
  // each value URL-encoded; `state` replaced when `with_state` is given.
  std::string query_string(std::optional<std::string> with_state = std::nullopt) const;
};

// Reads and checks the filters; Error(invalid_argument) names the parameter at fault. `shop` is
// the shop the queue shows (staff_shop).
QueueFilter queue_filter(const Form &params, const std::string &shop, int limit);
// The case query of the filters for this member of staff, nearest decision date first.
CaseQuery case_query(const QueueFilter &filter, const StaffMember &staff);

// The shop the queue shows: ?shop= when the member of staff has it, else the endpoint's shop
// when they have it, else their first.
std::string staff_shop(Call &call, const StaffMember &staff);
// The case a search names by its number, if the member of staff may see it.
std::optional<CaseRecord> staff_case_by_number(Call &call, const StaffMember &staff,
                                               const std::string &q);

// /staff/api/v1/… (`rest` after "/staff/api/v1"); `who` is nullopt without a live session.
Response staff_api_route(Call &call, std::string_view rest, const std::optional<StaffCall> &who);

}  // namespace reclaim::http
