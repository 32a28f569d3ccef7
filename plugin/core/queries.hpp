// What callers may ask of stored cases and events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

enum class CaseSort { created_at, updated_at, decision_due };

// Whose cases a list shows. The staff queue's default is "mine and unassigned": the person's own
// cases and those nobody has taken yet.
struct AssigneeFilter {
  enum class Mode { anyone, unassigned, person, person_or_unassigned };
  Mode mode = Mode::anyone;
  std::string person;  // for person and person_or_unassigned

  static AssigneeFilter anyone() { return {}; }
  static AssigneeFilter unassigned() { return {Mode::unassigned, {}}; }
  static AssigneeFilter of(std::string id) { return {Mode::person, std::move(id)}; }
  static AssigneeFilter of_or_unassigned(std::string id) {
    return {Mode::person_or_unassigned, std::move(id)};
  }
  bool operator==(const AssigneeFilter &) const = default;
};

struct CaseQuery {
  std::string shop;
  std::vector<State> states;
  std::optional<Kind> kind;
  AssigneeFilter assignee;
  std::string customer_email;
  std::string order_id;
  std::string reason;    // a case with at least one item claimed for this reason
  std::string priority;  // low, normal, high, urgent
  std::string tag;       // a case carrying this tag
  std::string channel;   // web, email, phone, …
  // One text matched exactly against the case number, the order's id and number, the customer's
  // e-mail address (also in lower case) and the SKUs of the case's items.
  std::string search;
  std::optional<UnixMs> created_from;  // inclusive
  std::optional<UnixMs> created_to;    // exclusive
  bool overdue = false;                // decision_due passed and no decision yet
  // No decision yet and the decision falls due within at_risk_ms from now (not yet passed). With
  // `overdue` too, a case that is either is listed.
  bool at_risk = false;
  UnixMs at_risk_ms = 0;
  UnixMs now = 0;                      // for overdue and at_risk
  CaseSort sort = CaseSort::created_at;
  bool descending = true;
  int limit = 50;
  // Keyset position: the sort value and id of the last case of the previous page.
  std::optional<std::pair<std::int64_t, std::string>> after;
  std::int64_t count_limit = 1000;  // for counts by state (StateCounts)
};

// Cases by state for the filters of a CaseQuery (whatever its states). Each state is counted up
// to the query's count_limit; a state with more counts count_limit and is in `more` (the desk
// shows "1000+"). A count walks at most that many index entries per state, never a shop's
// history.
struct StateCounts {
  std::map<std::string, std::int64_t> n;
  std::set<std::string> more;  // states with more cases than n says
};

// One line of the staff queue: what the queue shows of a case, read from the columns kept
// beside its document (storage/tx_queue.cpp) without reading the document.
struct QueueRow {
  std::string id, shop, number;
  std::int64_t version = 1;
  Kind kind = Kind::complaint;
  State state = State::received;
  std::string channel, customer_name, customer_email, order_id, assignee;
  std::string priority = "normal";
  std::vector<std::string> tags;  // in the order they were added
  UnixMs created_at = 0, updated_at = 0;
  std::optional<UnixMs> decision_due;
};

struct EventQuery {
  std::int64_t after = 0;
  int limit = 100;
  std::string shop;
  std::string case_id;
};

}  // namespace reclaim
