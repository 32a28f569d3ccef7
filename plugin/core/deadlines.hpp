// The deadlines of a case, from the law in force when it was opened and the shop's policy, and
// the alerts they raise: warnings before each one and a breach when it passes unmet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/policy.hpp"
#include "core/zone.hpp"
#include "core/model.hpp"

namespace reclaim {

// For a case opened at `opened_at` by a customer of `party` type, wanting `preferred` (may be
// empty). Days are counted as the civil codes count them: the day of the event is not counted,
// the period ends at the end of its last day (23:59:59 in the shop's zone), and a last day that
// is not a working day moves to the next working day.
Deadlines compute_deadlines(const Policy &policy, Kind kind, const std::string &party,
                            const std::string &preferred, UnixMs opened_at, const Zone &zone);

// The end of a period of `days` days counted from the event at `event`.
UnixMs period_end(UnixMs event, int days, const Calendar &calendar, const Zone &zone);

// The case's own deadlines, and the shop's target for each supplier's answer to its claim.
enum class Deadline { first_response, decision, resolution, supplier_answer };
inline constexpr std::string_view kDeadlineNames[] = {"first_response_due", "decision_due",
                                                      "resolution_due", "supplier_answer_due"};

struct Alert {
  Deadline deadline = Deadline::decision;
  int hours_before = 0;  // 0: the deadline has passed (a breach)
  UnixMs at = 0;
  UnixMs due = 0;
  int claim = 0;  // supplier_answer: the claim's number
};

bool deadline_met(const Case &subject, Deadline deadline);

// Every alert of the case's deadlines that are not met yet, in time order.
std::vector<Alert> pending_alerts(const Case &subject, const std::vector<int> &warn_before_hours);

struct Penalty {
  Money amount;
  std::int64_t days = 0;
};

// RU ст. 23: the penalty accrued at `now` on a case whose demand is late; nullopt if none.
std::optional<Penalty> accrued_penalty(const Case &subject, UnixMs now, const Zone &zone);

}  // namespace reclaim
