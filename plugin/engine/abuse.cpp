// Abuse limits at the opening of a case, and the customer's standing on the staff case page.
#include "core/abuse.hpp"

#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::vector<Flag> Engine::abuse_flags(Tx &tx, const Case &made, const Order *order,
                                      const Policy &policy) const {
  if (!policy.abuse) return {};
  const AbusePolicy &limits = *policy.abuse;
  const UnixMs since = made.created_at - limits.window_days * kMsPerDay;
  auto cases = tx.customer_cases(made.shop, made.customer.email, since);
  cases.push_back(made);  // a case beyond a limit counts itself
  const auto history =
      history_of(cases, tx.customer_orders(made.shop, made.customer.email, since), since);
  return judge_abuse(limits, made, made.customer.id, order ? order->shipping_address : std::nullopt,
                     history);
}

CustomerStanding Engine::customer_standing(const Case &subject) {
  CustomerStanding standing;
  const UnixMs at = now();
  store_->read([&](Tx &tx) {
    const auto policy = policy_at(tx, subject.shop, at);
    if (policy->abuse) {
      standing.window_days = policy->abuse->window_days;
      standing.rate_min_orders = policy->abuse->rate_min_orders;
    }
    const UnixMs since = at - standing.window_days * kMsPerDay;
    standing.history =
        history_of(tx.customer_cases(subject.shop, subject.customer.email, since),
                   tx.customer_orders(subject.shop, subject.customer.email, since), since);
    if (const auto order = tx.order(subject.shop, subject.order_id);
        order && order->shipping_address) {
      standing.address_hash = address_hash(*order->shipping_address);
    }
  });
  return standing;
}

}  // namespace reclaim
