// The customer beside a case on the staff case page: the flags the case was opened with, each in
// words with the figures behind it, and what the customer did in the shop lately.
#include "core/abuse.hpp"
#include "core/messages.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

std::string figure(const json::object &figures, const char *key) {
  const auto *value = figures.if_contains(key);
  if (!value) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64()) return std::to_string(value->get_int64());
  return {};
}

// "0.75" as "75%" (pl and ru: "75 %", as their typography writes it).
std::string percent(Call &call, const std::string &share) {
  const auto value = Decimal::parse(share);
  if (!value) return share;
  const std::string number = round_to(scale(*value, 100, 1), 1).to_string();
  return call.lang == "en" ? number + "%" : number + "\u00a0%";
}

std::string money(Call &call, const std::string &amount, const std::string &currency) {
  const auto parsed = Decimal::parse(amount);
  return parsed ? local_money_text(Money{*parsed, currency}, call.lang) : amount + " " + currency;
}

std::string flag_text(Call &call, const Flag &flag, int today_days) {
  const auto &f = flag.figures;
  // The window in force when the case was opened; flags from before it was kept use today's.
  const std::string recorded = figure(f, "window_days");
  const std::string days = recorded.empty() ? std::to_string(today_days) : recorded;
  if (flag.rule == "max_returns") {
    return filled(
        call.text("staff_flag_rule_max_returns"),
        {{"count", figure(f, "returns")}, {"days", days}, {"limit", figure(f, "max_returns")}});
  }
  if (flag.rule == "max_return_rate") {
    return filled(call.text("staff_flag_rule_max_return_rate"),
                  {{"returned", figure(f, "orders_returned")},
                   {"orders", figure(f, "orders")},
                   {"rate", percent(call, figure(f, "return_rate"))},
                   {"limit", percent(call, figure(f, "max_return_rate"))}});
  }
  if (flag.rule == "max_return_value") {
    const std::string currency = figure(f, "currency");
    return filled(call.text("staff_flag_rule_max_return_value"),
                  {{"value", money(call, figure(f, "return_value"), currency)},
                   {"days", days},
                   {"limit", money(call, figure(f, "max_return_value"), currency)}});
  }
  if (flag.rule == "max_no_receipt") {
    return filled(call.text("staff_flag_rule_max_no_receipt"),
                  {{"count", figure(f, "no_receipt")},
                   {"days", days},
                   {"limit", figure(f, "max_no_receipt")}});
  }
  // block.emails, block.customers, block.addresses
  return call.text("staff_flag_rule_" + flag.rule.substr(flag.rule.find('.') + 1));
}

}  // namespace

void add_customer_standing(Call &call, const Case &c, json::object &context) {
  const CustomerStanding standing = call.engine().customer_standing(c);
  json::array flags;
  for (const auto &flag : c.flags) {
    flags.push_back(json::object{{"label", call.text("staff_flag_" + flag.name)},
                                 {"text", flag_text(call, flag, standing.window_days)}});
  }
  context["has_flags"] = !flags.empty();
  context["flags"] = std::move(flags);
  const CustomerHistory &h = standing.history;
  std::string value;
  for (const auto &[currency, amount] : h.return_value) {
    if (!value.empty()) value += ", ";
    value += local_money_text(Money{amount, currency}, call.lang);
  }
  context["customer_history"] = filled(call.text("staff_customer_history"),
                                       {{"days", std::to_string(standing.window_days)},
                                        {"cases", std::to_string(h.cases)},
                                        {"returns", std::to_string(h.returns)},
                                        {"complaints", std::to_string(h.complaints)},
                                        {"orders", std::to_string(h.orders)},
                                        {"returned", std::to_string(h.orders_returned)}});
  context["customer_return_value"] = value;
  if (const auto rate = h.return_rate(standing.rate_min_orders)) {
    context["customer_return_rate"] = percent(call, rate->to_string());
  }
  context["address_hash"] = standing.address_hash;
}

}  // namespace reclaim::http
