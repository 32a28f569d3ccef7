#include "core/model.hpp"

#include "core/currency.hpp"

namespace reclaim {

std::string amount_text(const Decimal &amount, const std::string &currency) {
  return amount.to_string(currency_minor_units(currency).value_or(2));
}

boost::json::object amounts_to_json(const std::map<std::string, Decimal> &amounts) {
  boost::json::object out;
  for (const auto &[code, amount] : amounts) out[code] = amount_text(amount, code);
  return out;
}

boost::json::object money_to_json(const Money &money) {
  return {{"amount", amount_text(money.amount, money.currency)}, {"currency", money.currency}};
}

bool gives_money_back(ResolutionType type) {
  return type == ResolutionType::refund || type == ResolutionType::partial_refund ||
         type == ResolutionType::price_reduction;
}

std::optional<Money> money_back(const CaseItem &item) {
  const auto &decision = item.decision;
  if (decision.outcome != ItemDecision::Outcome::accepted || !decision.resolution) return {};
  const Resolution &resolution = *decision.resolution;
  if (gives_money_back(resolution.type)) return resolution.amount;
  if (resolution.difference && settlement(*resolution.difference) == "refund") {
    return magnitude(*resolution.difference);
  }
  return {};
}

std::string_view settlement(const Money &difference) {
  if (difference.amount.zero()) return "none";
  return difference.amount.negative() ? "refund" : "charge";
}

Money magnitude(const Money &difference) {
  if (!difference.amount.negative()) return difference;
  return {Decimal{} - difference.amount, difference.currency};
}

boost::json::object resolution_to_json(const Resolution &resolution) {
  boost::json::object out{{"type", name(resolution.type)}};
  if (resolution.amount) out["amount"] = money_to_json(*resolution.amount);
  if (const auto &goods = resolution.exchange) {
    out["sku"] = goods->sku;
    out["name"] = goods->name;
    out["qty"] = goods->qty;
    out["unit_price"] = money_to_json(goods->unit_price);
    if (!goods->variant_id.empty()) out["variant_id"] = goods->variant_id;
  }
  if (const auto &difference = resolution.difference) {
    // The amount is unsigned; "settle" says who pays it.
    out["price_difference"] = boost::json::object{
        {"amount", amount_text(magnitude(*difference).amount, difference->currency)},
        {"currency", difference->currency},
        {"settle", settlement(*difference)}};
  }
  return out;
}

bool same_email(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const OrderLine *Order::line(const std::string &line_id) const {
  for (const auto &l : lines) {
    if (l.id == line_id) return &l;
  }
  return nullptr;
}

CaseItem *Case::find_item(const std::string &line, int item) {
  for (auto &i : items) {
    if ((!line.empty() && i.line == line) || (item > 0 && i.item == item)) return &i;
  }
  return nullptr;
}

}  // namespace reclaim
