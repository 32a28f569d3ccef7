#include "core/law.hpp"

namespace reclaim {

using namespace date;

namespace {

constexpr std::string_view kAllRemedies[] = {"repair", "replacement", "price_reduction", "refund"};

RuleSet poland_2023() {
  RuleSet rules;
  rules.jurisdiction = Jurisdiction::pl;
  rules.applies_from = sys_days{2023_y / January / 1};
  rules.calendar = Country::pl;
  rules.withdrawal = StatutoryPeriod{14, "PL u.p.k. art. 27-28: 14 days from taking possession", "pl_withdrawal"};
  rules.withdrawal_extension_months = 12;
  rules.withdrawal_refund =
      StatutoryPeriod{14, "PL u.p.k. art. 32: refund within 14 days of the withdrawal", "pl_withdrawal_refund"};
  rules.guarantee_months = 24;
  rules.complaint_answer = StatutoryPeriod{
      14, "PL u.p.k. art. 7a: answer within 14 days; silence means the complaint is accepted", "pl_complaint_answer"};
  rules.silence_is_acceptance = true;
  rules.complaint_remedies.assign(std::begin(kAllRemedies), std::end(kAllRemedies));
  rules.sole_trader_is_consumer = true;
  return rules;
}

RuleSet poland_2026() {
  // From 2026-06-19 the CRD's withdrawal function applies throughout the EU.
  RuleSet rules = poland_2023();
  rules.applies_from = sys_days{2026_y / June / 19};
  rules.withdrawal_function = true;
  return rules;
}

RuleSet eu(Day from, bool withdrawal_function) {
  RuleSet rules;
  rules.jurisdiction = Jurisdiction::eu;
  rules.applies_from = from;
  rules.withdrawal = StatutoryPeriod{14, "EU CRD 2011/83 art. 9: 14 days from taking possession", "eu_withdrawal"};
  rules.withdrawal_extension_months = 12;
  rules.withdrawal_refund =
      StatutoryPeriod{14, "EU CRD 2011/83 art. 13: refund within 14 days of the withdrawal", "eu_withdrawal_refund"};
  rules.guarantee_months = 24;
  rules.complaint_remedies.assign(std::begin(kAllRemedies), std::end(kAllRemedies));
  rules.withdrawal_function = withdrawal_function;
  return rules;
}

RuleSet russia(Day from, bool capped) {
  RuleSet rules;
  rules.jurisdiction = Jurisdiction::ru;
  rules.applies_from = from;
  rules.calendar = Country::ru;
  rules.withdrawal =
      StatutoryPeriod{7, "RU ЗоЗПП ст. 26.1: 7 days after handover (distance sale)", "ru_withdrawal"};
  rules.withdrawal_extension_months = 3;  // replaces the 7 days when return terms were not given
  rules.withdrawal_refund =
      StatutoryPeriod{10, "RU ЗоЗПП ст. 26.1: refund within 10 days of the demand", "ru_withdrawal_refund"};
  rules.guarantee_months = 24;
  rules.refund_demand =
      StatutoryPeriod{10, "RU ЗоЗПП ст. 22: 10 days for a refund or price reduction demand", "ru_refund_demand"};
  rules.replacement = StatutoryPeriod{7, "RU ЗоЗПП ст. 21: replacement within 7 days", "ru_replacement"};
  rules.replacement_with_check =
      StatutoryPeriod{20, "RU ЗоЗПП ст. 21: replacement within 20 days with a quality check", "ru_replacement_with_check"};
  rules.repair = StatutoryPeriod{45, "RU ЗоЗПП ст. 20: repair within at most 45 days", "ru_repair"};
  rules.penalty_percent_per_day = 1;
  rules.penalty_capped_at_price = capped;
  rules.complaint_remedies.assign(std::begin(kAllRemedies), std::end(kAllRemedies));
  return rules;
}

const std::vector<RuleSet> &all_rules() {
  static const std::vector<RuleSet> rules{
      poland_2023(),
      poland_2026(),
      eu(sys_days{2014_y / June / 13}, false),
      eu(sys_days{2026_y / June / 19}, true),
      russia(sys_days{1992_y / February / 7}, false),
      russia(sys_days{2026_y / February / 1}, true),  // 500-ФЗ: penalty capped at the price
  };
  return rules;
}

}  // namespace

const RuleSet *rules_in_force(Jurisdiction jurisdiction, Day day) {
  const RuleSet *found = nullptr;
  for (const auto &rules : all_rules()) {
    if (rules.jurisdiction == jurisdiction && rules.applies_from <= day) found = &rules;
  }
  if (!found && jurisdiction != Jurisdiction::none) {
    // Before the oldest rule set we know: use the oldest rather than no law at all.
    for (const auto &rules : all_rules()) {
      if (rules.jurisdiction == jurisdiction) return &rules;
    }
  }
  return found;
}

std::vector<const RuleSet *> rule_history(Jurisdiction jurisdiction) {
  std::vector<const RuleSet *> found;
  for (const auto &rules : all_rules()) {
    if (rules.jurisdiction == jurisdiction) found.push_back(&rules);
  }
  return found;
}

std::string_view name(Jurisdiction jurisdiction) {
  return kJurisdictionNames[static_cast<std::size_t>(jurisdiction)];
}

}  // namespace reclaim
