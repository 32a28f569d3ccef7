// A shop's written policy: what it accepts beyond the law, its targets and its limits. Omitted
// settings take the jurisdiction preset's values; a policy stricter than the law is refused.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/abuse.hpp"
#include "core/calendar.hpp"
#include "core/decimal.hpp"
#include "core/law.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

inline constexpr std::string_view kParties[] = {"consumer", "sole_trader", "business"};
inline constexpr std::string_view kWindowStarts[] = {"delivered_at", "placed_at"};
inline constexpr std::string_view kShippingPayers[] = {"customer", "shop"};
inline constexpr std::string_view kEvidence[] = {"photo", "video", "receipt", "document",
                                                 "serial"};
// The statutory exceptions to withdrawal (u.p.k. art. 38, CRD art. 16) a shop may map its
// categories, SKUs and tags to.
inline constexpr std::string_view kStatutoryExceptions[] = {
    "custom_made",  "perishable",    "sealed_hygiene", "sealed_media", "mixed_inseparably",
    "digital_content", "newspapers", "price_fluctuation", "services_performed"};

// Goods picked out by category, SKU or tag.
struct GoodsMatch {
  std::vector<std::string> categories, skus, tags;
  bool empty() const { return categories.empty() && skus.empty() && tags.empty(); }
};

struct Policy {
  Jurisdiction jurisdiction = Jurisdiction::none;
  std::optional<Day> applies_from;  // in the shop's zone; none: from when it was set
  std::string party = "consumer";   // the shop's customers, unless an order says otherwise
  int return_window_days = 14;
  std::string return_window_from = "delivered_at";
  bool withdrawal_information_given = true;  // PL/EU art. 10, RU ст. 26.1 (written terms)
  int guarantee_months = 24;
  GoodsMatch non_returnable;  // the shop's voluntary returns only
  std::map<std::string, GoodsMatch> statutory_exceptions;
  std::map<std::string, std::vector<std::string>> evidence;     // reason → evidence kinds
  std::map<std::string, std::vector<std::string>> resolutions;  // kind → on offer
  std::map<std::string, std::vector<std::string>> resolutions_by_reason;
  std::map<std::string, std::map<std::string, Decimal>> decision_limits;  // role → currency
  Decimal restocking_fee_percent;
  std::string return_shipping_paid_by = "customer";
  int first_response_hours = 24;
  int decision_days = 14;
  int resolution_days = 30;
  int supplier_answer_days = 30;  // the shop's target for a supplier's answer to its claim
  bool replacement_quality_check = false;  // RU ст. 21: 20 days instead of 7
  std::vector<int> warn_before_hours{72, 24};
  int appeal_days = 14;
  // Retention: finished cases are anonymised this many days after their last change (none: kept
  // until erased on request). Never shorter than appeal_days.
  std::optional<int> anonymise_closed_after_days;
  // Limits on one customer's returns; none: no case is flagged.
  std::optional<AbusePolicy> abuse;
  std::set<Day> holidays_extra, holidays_working;
  // The shop's own wording of mails, {"pl": {"case.decided": {"subject", "body"}}}, in place of
  // the defaults template by template (codec/mail.hpp checks it).
  boost::json::object messages;
};

// The preset's policy: the law's minimums, and the common targets where the law is silent.
Policy preset_policy(Jurisdiction jurisdiction);

// The working-day calendar a policy counts deadlines with.
Calendar calendar_of(const Policy &policy);

// Throws Error(not_allowed, field, rule) when the policy is stricter than the law in force on
// `day` (a shorter return window, a missing statutory remedy, a later answer, …) and
// Error(invalid_argument) for settings that contradict each other.
void check_against_law(const Policy &policy, Day day);

// Whether a customer of this party type gets the consumer rules of the rule set.
bool consumer_rules_apply(const RuleSet *rules, const std::string &party);

bool matches(const GoodsMatch &match, const std::string &sku, const std::string &category,
             const std::vector<std::string> &tags);

}  // namespace reclaim
