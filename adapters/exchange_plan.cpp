#include "adapters/exchange_plan.hpp"

#include "adapters/host_value.hpp"
#include "adapters/refund_plan.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

ExchangePlan plan_exchange(const Order &order, const Case &subject) {
  ExchangePlan plan;
  plan.currency = order.currency;
  plan.minor = minor_units(order.currency, "currency");
  for (const auto &item : subject.items) {
    const auto &decision = item.decision;
    if (decision.outcome != ItemDecision::Outcome::accepted || !decision.resolution) continue;
    const Resolution &resolution = *decision.resolution;
    if (!resolution.exchange || !resolution.difference) continue;  // decided before goods were named
    ExchangeLine out{order.line(item.line), &item, &*resolution.exchange, *resolution.difference};
    Decimal &sum = settlement(out.difference) == "refund" ? plan.to_refund : plan.to_charge;
    sum = sum + magnitude(out.difference).amount;
    plan.lines.push_back(out);
  }
  return plan;
}

json::object exchange_to_json(const ExchangePlan &plan) {
  json::array lines;
  for (const auto &line : plan.lines) {
    const ExchangeGoods &goods = *line.goods;
    json::object given{{"sku", goods.sku},
                       {"name", goods.name},
                       {"qty", goods.qty},
                       {"unit_price", money_text(goods.unit_price.amount, plan.minor)}};
    if (!goods.variant_id.empty()) given["variant_id"] = goods.variant_id;
    lines.push_back(json::object{{"item", line.item->item},
                                 {"line", line.line ? json::value(line.line->id) : nullptr},
                                 {"sku", line.item->sku},
                                 {"qty", line.item->decision.qty},
                                 {"goods", std::move(given)},
                                 {"price_difference", money_text(magnitude(line.difference).amount, plan.minor)},
                                 {"settle", settlement(line.difference)}});
  }
  return {{"currency", plan.currency},
          {"to_charge", money_text(plan.to_charge, plan.minor)},
          {"to_refund", money_text(plan.to_refund, plan.minor)},
          {"lines", std::move(lines)}};
}

}  // namespace reclaim::adapters
