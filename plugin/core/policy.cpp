#include "core/policy.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace reclaim {

namespace {

bool contains(const std::vector<std::string> &list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

Policy preset_policy(Jurisdiction jurisdiction) {
  Policy policy;
  policy.jurisdiction = jurisdiction;
  policy.resolutions["complaint"] = {"replacement", "repair", "price_reduction", "refund"};
  policy.resolutions["return"] = {"refund", "store_credit", "exchange"};
  switch (jurisdiction) {
    case Jurisdiction::ru:
      policy.return_window_days = 7;
      policy.decision_days = 10;
      break;
    case Jurisdiction::none:
      policy.party = "business";
      policy.return_window_days = 14;
      break;
    default:
      break;
  }
  return policy;
}

Calendar calendar_of(const Policy &policy) {
  Country country = Country::none;
  if (policy.jurisdiction == Jurisdiction::pl) country = Country::pl;
  if (policy.jurisdiction == Jurisdiction::ru) country = Country::ru;
  return Calendar(country, policy.holidays_extra, policy.holidays_working);
}

bool consumer_rules_apply(const RuleSet *rules, const std::string &party) {
  if (!rules) return false;
  if (party == "consumer") return true;
  return party == "sole_trader" && rules->sole_trader_is_consumer;
}

bool matches(const GoodsMatch &match, const std::string &sku, const std::string &category,
             const std::vector<std::string> &tags) {
  if (!sku.empty() && contains(match.skus, sku)) return true;
  if (!category.empty() && contains(match.categories, category)) return true;
  for (const auto &tag : tags) {
    if (contains(match.tags, tag)) return true;
  }
  return false;
}

void check_against_law(const Policy &policy, Day day) {
  const RuleSet *rules = rules_in_force(policy.jurisdiction, day);
  if (!consumer_rules_apply(rules, policy.party)) return;
  const std::string law(name(policy.jurisdiction));
  if (rules->withdrawal && policy.return_window_days < rules->withdrawal->days) {
    fail(Status::not_allowed,
         "the return window may not be shorter than the statutory " +
             std::to_string(rules->withdrawal->days) + " days (" + rules->withdrawal->basis + ")",
         "return_window_days", "return_window_shorter_than_law");
  }
  if (policy.return_window_from != "delivered_at") {
    fail(Status::not_allowed,
         "under " + law +
             " the withdrawal period counts from delivery; the order date is only a fallback when"
             " no delivery date is known",
         "return_window_from", "window_must_count_from_delivery");
  }
  if (policy.guarantee_months < rules->guarantee_months) {
    fail(Status::not_allowed,
         "consumers may complain for at least " + std::to_string(rules->guarantee_months) +
             " months under " + law,
         "guarantee_months", "guarantee_shorter_than_law");
  }
  if (rules->complaint_answer && policy.decision_days > rules->complaint_answer->days) {
    fail(Status::not_allowed,
         "the decision target may not be later than the statutory " +
             std::to_string(rules->complaint_answer->days) + " days (" +
             rules->complaint_answer->basis + ")",
         "sla.decision_days", "decision_later_than_law");
  }
  if (rules->repair && policy.decision_days > rules->repair->days) {
    fail(Status::not_allowed,
         "no remedy may take longer than " + std::to_string(rules->repair->days) + " days (" +
             rules->repair->basis + ")",
         "sla.decision_days", "decision_later_than_law");
  }
  const auto offered = policy.resolutions.find("complaint");
  for (const auto remedy : rules->complaint_remedies) {
    if (offered == policy.resolutions.end() || !contains(offered->second, remedy)) {
      fail(Status::not_allowed,
           "consumer complaints must be able to end in " + std::string(remedy) + " under " + law,
           "resolutions.complaint", "statutory_remedy_missing");
    }
  }
  for (const auto &[reason, list] : policy.resolutions_by_reason) {
    if (reason == "changed_mind" || reason == "no_longer_needed" || reason == "better_price" ||
        reason == "size_or_fit") {
      continue;  // reasons of returns, not of non-conformity
    }
    for (const auto remedy : rules->complaint_remedies) {
      if (!contains(list, remedy)) {
        fail(Status::not_allowed,
             "a complaint for '" + reason + "' must be able to end in " + std::string(remedy) +
                 " under " + law,
             "resolutions_by_reason." + reason, "statutory_remedy_missing");
      }
    }
  }
  const auto returns = policy.resolutions.find("return");
  if (rules->withdrawal && (returns == policy.resolutions.end() ||
                            !contains(returns->second, "refund"))) {
    fail(Status::not_allowed, "a withdrawal must be able to end in a refund under " + law,
         "resolutions.return", "statutory_remedy_missing");
  }
}

}  // namespace reclaim
