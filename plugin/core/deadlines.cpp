#include "core/deadlines.hpp"

#include <algorithm>

#include "core/basis.hpp"
#include "core/currency.hpp"
#include "core/state_machine.hpp"

namespace reclaim {

namespace {

__extension__ using Wide = __int128;  // price × days × percent can outgrow 64 bits

const StatutoryPeriod *russian_remedy(const RuleSet &rules, const Policy &policy,
                                      const std::string &preferred) {
  if (preferred == "replacement" || preferred == "exchange") {
    return policy.replacement_quality_check ? &*rules.replacement_with_check : &*rules.replacement;
  }
  if (preferred == "repair") return &*rules.repair;
  return &*rules.refund_demand;  // refund, price reduction, or no stated preference
}

}  // namespace

UnixMs period_end(UnixMs event, int days, const Calendar &calendar, const Zone &zone) {
  const Day last = calendar.roll_forward(zone.local_day(event) + date::days{days});
  return zone.end_of_day(last);
}

Deadlines compute_deadlines(const Policy &policy, Kind kind, const std::string &party,
                            const std::string &preferred, UnixMs opened_at, const Zone &zone) {
  const Calendar calendar = calendar_of(policy);
  const RuleSet *rules = rules_in_force(policy.jurisdiction, zone.local_day(opened_at));
  Deadlines deadlines;
  deadlines.first_response_due = opened_at + policy.first_response_hours * kMsPerHour;

  const StatutoryPeriod *period = nullptr;
  if (consumer_rules_apply(rules, party)) {
    if (kind == Kind::return_) {
      if (rules->withdrawal_refund) period = &*rules->withdrawal_refund;
    } else if (rules->complaint_answer) {
      period = &*rules->complaint_answer;
      deadlines.deemed_on_expiry = rules->silence_is_acceptance;
    } else if (rules->refund_demand) {
      period = russian_remedy(*rules, policy, preferred);
    }
    deadlines.penalty_percent_per_day = rules->penalty_percent_per_day;
    deadlines.penalty_capped = rules->penalty_capped_at_price;
  }
  if (period) {
    // The law's limit is the deadline; the shop's own target (sla) is for its reports.
    deadlines.decision_due = period_end(opened_at, period->days, calendar, zone);
    deadlines.statutory = true;
    deadlines.basis = period->basis;
  } else {
    deadlines.decision_due = period_end(opened_at, policy.decision_days, calendar, zone);
    deadlines.basis = shop_target_basis(
        policy.decision_days, rules && kind == Kind::complaint && consumer_rules_apply(rules, party));
  }
  deadlines.resolution_due = std::max(
      *deadlines.decision_due, period_end(opened_at, policy.resolution_days, calendar, zone));
  return deadlines;
}

bool deadline_met(const Case &subject, Deadline deadline) {
  if (subject.state == State::cancelled) return true;
  switch (deadline) {
    case Deadline::first_response:
      return subject.first_response_at.has_value() || !undecided(subject.state);
    case Deadline::decision:
      return !undecided(subject.state);
    case Deadline::resolution:
      return subject.resolved_at.has_value() || subject.state == State::rejected ||
             subject.state == State::closed;
    case Deadline::supplier_answer:
      return std::none_of(subject.supplier_claims.begin(), subject.supplier_claims.end(),
                          [](const SupplierClaim &claim) { return claim.open(); });
  }
  return true;
}

std::vector<Alert> pending_alerts(const Case &subject, const std::vector<int> &warn_before_hours) {
  std::vector<Alert> alerts;
  const std::optional<UnixMs> dues[] = {subject.deadlines.first_response_due,
                                        subject.deadlines.decision_due,
                                        subject.deadlines.resolution_due};
  for (int i = 0; i < 3; ++i) {
    const auto deadline = static_cast<Deadline>(i);
    if (!dues[i] || deadline_met(subject, deadline)) continue;
    const UnixMs due = *dues[i];
    for (const int hours : warn_before_hours) {
      const UnixMs at = due - hours * kMsPerHour;
      if (at > subject.created_at) alerts.push_back({deadline, hours, at, due});
    }
    alerts.push_back({deadline, 0, due + 1000, due});  // the first second after the deadline
  }
  // A supplier's answer is the shop's own business: it is watched whatever the case's state.
  for (const auto &claim : subject.supplier_claims) {
    if (!claim.open()) continue;
    for (const int hours : warn_before_hours) {
      const UnixMs at = claim.answer_due - hours * kMsPerHour;
      if (at > claim.claimed_at) {
        alerts.push_back({Deadline::supplier_answer, hours, at, claim.answer_due, claim.claim});
      }
    }
    alerts.push_back(
        {Deadline::supplier_answer, 0, claim.answer_due + 1000, claim.answer_due, claim.claim});
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) { return a.at < b.at; });
  return alerts;
}

std::optional<Penalty> accrued_penalty(const Case &subject, UnixMs now, const Zone &zone) {
  const Deadlines &deadlines = subject.deadlines;
  if (deadlines.penalty_percent_per_day == 0 || !deadlines.decision_due) return std::nullopt;
  if (subject.state == State::rejected || subject.state == State::cancelled) return std::nullopt;
  const UnixMs until = subject.resolved_at.value_or(now);
  if (until <= *deadlines.decision_due) return std::nullopt;
  const std::int64_t days =
      (zone.local_day(until) - zone.local_day(*deadlines.decision_due)).count();
  if (days <= 0) return std::nullopt;
  std::string currency;
  Wide price = 0;
  for (const auto &item : subject.items) {
    if (!item.unit_price) continue;
    currency = item.unit_price->currency;
    price += static_cast<Wide>(item.unit_price->amount.units()) * item.qty;
  }
  if (price <= 0) return std::nullopt;
  Wide penalty = price * deadlines.penalty_percent_per_day * days / 100;
  if (deadlines.penalty_capped && penalty > price) penalty = price;
  // Rounded half up to the currency's minor units.
  const int minor = currency_minor_units(currency).value_or(2);
  Wide step = 1;
  for (int i = minor; i < Decimal::kScale; ++i) step *= 10;
  penalty = (penalty + step / 2) / step * step;
  if (penalty > Decimal::kMaxUnits) penalty = Decimal::kMaxUnits;
  return Penalty{{Decimal::from_units(static_cast<std::int64_t>(penalty)), currency}, days};
}

}  // namespace reclaim
