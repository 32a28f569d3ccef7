#include "adapters/correction.hpp"

#include <map>

#include "adapters/line_price.hpp"
#include "core/time.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

// The line's rate as the order gave it; else what its host's tax and total imply.
std::optional<Decimal> rate_of(const RefundLine &line) {
  if (line.line->tax_rate) return line.line->tax_rate;
  const Decimal total = host_decimal(line.host, "total");
  if (!line.host.if_contains("tax") || total.zero()) return std::nullopt;
  const Decimal tax = host_decimal(line.host, "tax");
  return tax_rate_of(total - tax, tax);
}

const CaseItem *item_of(const Case &subject, int number) {
  for (const auto &item : subject.items) {
    if (item.item == number) return &item;
  }
  return nullptr;
}

struct RateTotal {
  Decimal net, tax, gross;
};

}  // namespace

json::object correction_of(const Order &order, const Case &subject, const RefundPlan &plan) {
  const auto money = [&](const Decimal &amount) { return money_text(amount, plan.minor); };
  json::array lines;
  // Keyed by the rate's text ("" when unknown), as an invoice sums its lines per rate.
  std::map<std::string, RateTotal> by_rate;
  for (const auto &line : plan.lines) {
    const auto rate = rate_of(line);
    const std::string rate_text = rate ? rate->to_string() : std::string();
    const CaseItem *item = item_of(subject, line.item);
    json::object out{{"line", line.line->id},
                     {"sku", line.line->sku},
                     {"name", line.line->name},
                     {"ordered_qty", line.line->qty},
                     {"unit_gross", money(round_to(line.line->unit_price, plan.minor))},
                     {"qty", line.qty},
                     {"gross", money(line.gross)},
                     {"net", money(line.net)},
                     {"tax", money(line.tax)},
                     {"tax_rate", rate ? json::value(rate_text) : json::value(nullptr)},
                     {"resolution", name(line.resolution)},
                     {"reason", item ? item->reason : std::string()}};
    lines.push_back(std::move(out));
    RateTotal &total = by_rate[rate_text];
    total.net = total.net + line.net;
    total.tax = total.tax + line.tax;
    total.gross = total.gross + line.gross;
  }
  json::array rates;
  for (const auto &[rate, total] : by_rate) {
    rates.push_back(json::object{{"tax_rate", rate.empty() ? json::value() : json::value(rate)},
                                 {"net", money(total.net)},
                                 {"tax", money(total.tax)},
                                 {"gross", money(total.gross)}});
  }
  return json::object{
      {"order_id", order.id},
      {"order_number", order.number},
      {"ordered_at", order.placed_at ? json::value(format_rfc3339(*order.placed_at))
                                     : json::value(nullptr)},
      {"delivered_at", order.delivered_at ? json::value(format_rfc3339(*order.delivered_at))
                                          : json::value(nullptr)},
      {"case_number", subject.number},
      {"case_kind", name(subject.kind)},
      {"currency", plan.currency},
      {"lines", std::move(lines)},
      {"by_tax_rate", std::move(rates)},
      {"net", money(plan.net)},
      {"tax", money(plan.tax)},
      {"gross", money(plan.gross)}};
}

}  // namespace reclaim::adapters
