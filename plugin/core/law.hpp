// What the law of each jurisdiction preset demands, as dated rule sets: a case uses the rules in
// force on the day it was opened. Sources: docs/LAW.md (and the design's LAW.md it follows).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"

namespace reclaim {

enum class Jurisdiction { none, pl, eu, ru };
inline constexpr std::string_view kJurisdictionNames[] = {"none", "PL", "EU", "RU"};

// A deadline the law sets, in days counted by the civil code's rules, with the rule it comes from.
struct StatutoryPeriod {
  int days = 0;
  std::string basis;          // the citation, in English
  std::string_view key = {};  // the citation's key, for pages that translate it (core/basis.hpp)
};

struct RuleSet {
  Jurisdiction jurisdiction = Jurisdiction::none;
  Day applies_from;
  Country calendar = Country::none;
  // Withdrawal from a distance contract (returns of goods of proper quality).
  std::optional<StatutoryPeriod> withdrawal;      // from delivery
  int withdrawal_extension_months = 0;             // when the information was not given
  std::optional<StatutoryPeriod> withdrawal_refund;  // from the withdrawal statement
  // Complaints (non-conformity).
  int guarantee_months = 0;                        // how long a consumer may complain
  std::optional<StatutoryPeriod> complaint_answer;  // one period for every remedy (PL)
  bool silence_is_acceptance = false;               // PL art. 7a: no answer = accepted
  // RU: the period depends on the remedy the consumer demands (ст. 20–22).
  std::optional<StatutoryPeriod> refund_demand, replacement, replacement_with_check, repair;
  // RU ст. 23: a penalty of this many percent of the price per day late (0 = none).
  int penalty_percent_per_day = 0;
  bool penalty_capped_at_price = false;
  // Remedies a consumer complaint must be able to end in (the shop cannot take them away).
  std::vector<std::string_view> complaint_remedies;
  // Whether sole traders buying outside their profession are treated as consumers.
  bool sole_trader_is_consumer = false;
  // CRD art. 11a: the online "withdraw from contract here" function is required.
  bool withdrawal_function = false;
};

// The rule set of a preset in force on `day`; nullptr for "none" (no statutory rules).
const RuleSet *rules_in_force(Jurisdiction jurisdiction, Day day);
// Every dated rule set of a preset, oldest first (for documentation and tests).
std::vector<const RuleSet *> rule_history(Jurisdiction jurisdiction);

std::string_view name(Jurisdiction jurisdiction);

}  // namespace reclaim
