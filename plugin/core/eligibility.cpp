#include "core/eligibility.hpp"

#include <algorithm>

#include "core/basis.hpp"
#include "core/messages.hpp"

namespace reclaim {

namespace {

// The end of a period of `days` counted from the day after `start_day`, rolled to a working day.
Day period_end(Day start_day, int days, int months, const Calendar &calendar) {
  Day last = start_day;
  if (months) last = add_months(last, months);
  last += date::days{days};
  return calendar.roll_forward(last);
}

struct Context {
  const Policy &policy;
  const Order &order;
  const EligibilityQuery &query;
  const Zone &zone;
  Calendar calendar;
  const RuleSet *rules;
  bool consumer;
  Day start_day;
  bool from_order_date;
};

void say(ItemVerdict &verdict, const Context &context, std::string code, std::optional<Day> day,
         std::string detail = {}) {
  verdict.code = std::move(code);
  if (day) verdict.window_ends = context.zone.end_of_day(*day);
  verdict.message = eligibility_message(
      verdict.code, context.query.locale,
      {day ? long_date_text(*day, context.query.locale) : std::string(), std::move(detail)});
}

std::string exception_of(const Policy &policy, const OrderLine &line) {
  for (const auto &[kind, match] : policy.statutory_exceptions) {
    if (matches(match, line.sku, line.category, line.tags)) return kind;
  }
  return {};
}

void judge_return(ItemVerdict &verdict, const Context &context, const OrderLine &line) {
  const Policy &policy = context.policy;
  const Day shop_end =
      period_end(context.start_day, policy.return_window_days, 0, context.calendar);
  std::optional<Day> law_end;
  if (context.consumer && context.rules->withdrawal) {
    const RuleSet &rules = *context.rules;
    if (policy.withdrawal_information_given) {
      law_end = period_end(context.start_day, rules.withdrawal->days, 0, context.calendar);
    } else if (rules.jurisdiction == Jurisdiction::ru) {
      law_end = period_end(context.start_day, 0, rules.withdrawal_extension_months,
                           context.calendar);
    } else {
      law_end = period_end(context.start_day, rules.withdrawal->days,
                           rules.withdrawal_extension_months, context.calendar);
    }
  }
  const Day today = context.zone.local_day(context.query.now);
  const std::string exception = exception_of(policy, line);
  if (law_end && today <= *law_end) {
    verdict.basis = context.rules->withdrawal->basis;
    if (!exception.empty()) return say(verdict, context, "statutory_exception", law_end, exception);
    verdict.eligible = true;
    return say(verdict, context, "statutory_withdrawal", law_end);
  }
  const Day end = law_end ? std::max(*law_end, shop_end) : shop_end;
  verdict.basis = shop_return_window_basis(policy.return_window_days);
  if (today > end) return say(verdict, context, "window_expired", end);
  if (!exception.empty()) return say(verdict, context, "statutory_exception", end, exception);
  if (matches(policy.non_returnable, line.sku, line.category, line.tags)) {
    return say(verdict, context, "non_returnable", end);
  }
  verdict.eligible = true;
  verdict.restocking_fee_percent = policy.restocking_fee_percent;
  say(verdict, context, "shop_return_policy", end);
}

void judge_complaint(ItemVerdict &verdict, const Context &context) {
  const Day end =
      context.calendar.roll_forward(add_months(context.start_day, context.policy.guarantee_months));
  verdict.basis = context.consumer ? statutory_guarantee_basis(context.rules->guarantee_months)
                                   : shop_guarantee_basis(context.policy.guarantee_months);
  if (context.zone.local_day(context.query.now) > end) {
    return say(verdict, context, "guarantee_expired", end);
  }
  verdict.eligible = true;
  say(verdict, context, context.consumer ? "statutory_guarantee" : "shop_guarantee", end);
}

}  // namespace

std::string party_of(const Policy &policy, const Order &order) {
  return order.customer.type.empty() ? policy.party : order.customer.type;
}

std::vector<ItemVerdict> check_eligibility(const Policy &policy, const Order &order,
                                           const ClaimedQty &claimed,
                                           const EligibilityQuery &query, const Zone &zone) {
  const RuleSet *rules = rules_in_force(policy.jurisdiction, zone.local_day(query.now));
  const bool from_order_date = !order.delivered_at;
  const UnixMs start = order.delivered_at.value_or(order.placed_at.value_or(query.now));
  Context context{policy,
                  order,
                  query,
                  zone,
                  calendar_of(policy),
                  rules,
                  consumer_rules_apply(rules, party_of(policy, order)),
                  zone.local_day(start),
                  from_order_date};
  std::vector<ItemVerdict> verdicts;
  for (const auto &item : query.items) {
    ItemVerdict verdict;
    verdict.line = item.line;
    verdict.field = item.field;
    verdict.window_from_order_date = from_order_date;
    const OrderLine *line = order.line(item.line);
    if (!line) {
      say(verdict, context, "line_not_found", std::nullopt);
      verdicts.push_back(std::move(verdict));
      continue;
    }
    const auto taken = claimed.find(line->id);
    const std::int64_t left = std::max<std::int64_t>(
        0, line->qty - line->refunded_qty - (taken == claimed.end() ? 0 : taken->second));
    if (item.qty > left) {
      say(verdict, context, "quantity_exceeded", std::nullopt, std::to_string(left));
    } else if (query.kind == Kind::return_) {
      judge_return(verdict, context, *line);
    } else {
      judge_complaint(verdict, context);
    }
    if (const auto wanted = policy.evidence.find(item.reason); wanted != policy.evidence.end()) {
      for (const auto &kind : wanted->second) {
        if (std::find(item.evidence.begin(), item.evidence.end(), kind) == item.evidence.end()) {
          verdict.evidence_required.push_back(kind);
        }
      }
    }
    const auto by_reason = policy.resolutions_by_reason.find(item.reason);
    if (by_reason != policy.resolutions_by_reason.end()) {
      verdict.resolutions = by_reason->second;
    } else if (const auto by_kind = policy.resolutions.find(std::string(name(query.kind)));
               by_kind != policy.resolutions.end()) {
      verdict.resolutions = by_kind->second;
    }
    if (!verdict.eligible) verdict.resolutions.clear();
    if (verdict.eligible && query.kind == Kind::return_) {
      verdict.return_shipping_paid_by = policy.return_shipping_paid_by;
    }
    verdicts.push_back(std::move(verdict));
  }
  return verdicts;
}

}  // namespace reclaim
