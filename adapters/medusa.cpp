// Medusa v2: the order of GET /store/orders/{id} and GET /admin/orders/{id} in ({"order": …} or
// the order itself). Amounts are numbers in major units (v1 wrote integer minor units and is not
// read: its items carry no "total"), kept unrounded by Medusa's BigNumber beside an exact
// "raw_<name>": {"value": "12.2877", "precision": 20}. The raw text is read when given, else the
// number; either is rounded half up to the currency's minor units, as the payment was charged.
// A line's price with tax is its "total" (tax and promotions included) over its quantity; its rate
// the sum of its tax_lines' rates (percent). currency_code is lower case ("eur"). Shipped and
// delivered: the earliest shipped_at / delivered_at of the fulfillments not canceled; paid: the
// earliest captured_at of the payment collections' payments. Returned units (the item's
// detail.return_received_quantity) count as refunded. The customer: email (else customer.email),
// customer_id (else customer.id), names and phone from customer, else from shipping_address.
// Out: POST /admin/payments/{id}/refund for the first captured payment, with the amount and note.
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

// "12.2877", "-3", "1.8699186991869918699" (a BigNumber's value) rounded half up to `minor`
// decimals; nullopt for anything that is not a plain decimal.
std::optional<Decimal> decimal_text(std::string_view text, int minor) {
  std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
  const auto dot = digits.find('.');
  const auto whole = digits.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : digits.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    return part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty()) || fraction.size() > 40) {
    return std::nullopt;
  }
  const auto kept = static_cast<std::size_t>(minor);
  std::string cut(text.substr(0, text.size() - digits.size()));
  cut += whole;
  if (!fraction.empty() && kept > 0) cut += "." + std::string(fraction.substr(0, kept));
  auto value = Decimal::parse(cut);
  if (!value) return std::nullopt;
  if (fraction.size() > kept && fraction[kept] >= '5') {
    std::int64_t step = 1;
    for (int i = minor; i < Decimal::kScale; ++i) step *= 10;
    value = *value + Decimal::from_units(text.starts_with('-') ? -step : step);
  }
  return value;
}

// A BigNumber's value (a string) or a plain number, rounded to the currency's minor units.
Decimal rounded(const Node &value, int minor) {
  std::string text;
  if (value.raw()->is_string()) {
    text = value.text(64);
  } else if (value.raw()->is_double()) {
    const double d = value.raw()->get_double();
    if (!std::isfinite(d) || std::fabs(d) >= 1e12) value.fail_here("amount out of range");
    char buffer[400];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
    text.assign(buffer, end.ptr);
  } else {
    return round_to(value.money(minor), minor);  // an integer, or the wrong type refused
  }
  const auto out = decimal_text(text, minor);
  if (!out) value.fail_here("expected a decimal amount such as \"12.2877\"");
  if (out->negative()) value.fail_here("must not be negative");
  return *out;
}

// An amount: raw_<name>.value when given, else <name>; nullopt when neither is.
std::optional<Decimal> amount(const Node &parent, const std::string &name, int minor) {
  const Node raw = parent["raw_" + name];
  if (raw.present()) {
    const Node value = raw["value"];
    if (!value.present()) value.fail_here("required");
    return rounded(value, minor);
  }
  const Node number = parent[name];
  if (!number.present()) return std::nullopt;
  return rounded(number, minor);
}

std::optional<UnixMs> earliest(std::optional<UnixMs> a, std::optional<UnixMs> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::string upper(std::string text) {
  for (char &c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// "Medusa T-Shirt (L / Black)": the product and its variant, else the item's own title.
std::string line_name(const Node &item) {
  std::string name = item["product_title"].optional_text().value_or("");
  if (name.empty()) name = item["title"].optional_text().value_or("");
  const std::string variant = item["variant_title"].optional_text().value_or("");
  if (!variant.empty() && variant != name && variant != "Default variant") {
    name = name.empty() ? variant : name + " (" + variant + ")";
  }
  if (name.size() > 500) item["variant_title"].fail_here("the name is longer than 500 bytes");
  if (name.empty()) item["title"].fail_here("required");
  return name;
}

}  // namespace

Order medusa_order(const json::value &document) {
  Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected a JSON object (a Medusa order)");
  if (doc["order"].present()) doc = doc["order"];
  Order order;
  order.adapter = "medusa";
  order.id = doc["id"].id();
  order.number = doc["display_id"].optional_id().value_or(order.id);
  order.currency = upper(doc["currency_code"].text(8));
  const int minor = minor_units(order.currency, doc["currency_code"].path());
  order.placed_at = doc["created_at"].rfc3339();
  const Node customer = doc["customer"];
  const Node ship_to = doc["shipping_address"];
  order.customer.email = doc["email"].email();
  if (order.customer.email.empty()) order.customer.email = customer["email"].email();
  order.customer.id = customer_id(doc["customer_id"]);
  if (order.customer.id.empty()) order.customer.id = customer_id(customer["id"]);
  order.customer.name = full_name(customer["first_name"], customer["last_name"]);
  if (order.customer.name.empty()) {
    order.customer.name = full_name(ship_to["first_name"], ship_to["last_name"]);
  }
  order.customer.phone = customer["phone"].optional_text(64).value_or("");
  if (order.customer.phone.empty()) {
    order.customer.phone = ship_to["phone"].optional_text(64).value_or("");
  }
  order.shipping_address =
      address_or_none({street_line(ship_to["address_1"]), street_line(ship_to["address_2"]),
                       city(ship_to["city"]), postcode(ship_to["postal_code"]),
                       region(ship_to["province"]), upper(country(ship_to["country_code"]))});
  const Node items = doc["items"];
  check_line_count(items);
  LineIds ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Node item = items[i];
    OrderLine line;
    line.id = item["id"].id();
    ids.add(line.id, item["id"]);
    line.sku = item["variant_sku"].optional_text(200).value_or("");
    line.name = line_name(item);
    line.qty = item["quantity"].integer(1, kMaxQuantity);
    const auto gross = amount(item, "total", minor);
    if (!gross) {
      item["total"].fail_here(
          "required: Medusa v2 gives each item its total with tax (a v1 order, in minor units, "
          "has none)");
    }
    const Decimal tax = amount(item, "tax_total", minor).value_or(Decimal{});
    std::optional<Decimal> rate;
    const Node taxes = item["tax_lines"];
    for (std::size_t k = 0; k < taxes.size(); ++k) {
      const Decimal part = taxes[k]["rate"].money(6);  // percent: 23 is 23 %
      rate = (rate ? *rate : Decimal{}) + part;
    }
    line.tax_rate = rate;
    const Node detail = item["detail"];
    line.refunded_qty =
        detail["return_received_quantity"].optional_integer(0, line.qty).value_or(0);
    price_line(line, order.host, *gross, tax);
    order.lines.push_back(std::move(line));
  }
  const Node methods = doc["shipping_methods"];
  if (methods.size() > 0) {
    Decimal shipping;
    std::string names;
    for (std::size_t i = 0; i < methods.size(); ++i) {
      const auto total = amount(methods[i], "total", minor);
      if (!total) methods[i]["total"].fail_here("required");
      shipping = shipping + *total;
      const auto name = methods[i]["name"].optional_text().value_or("");
      if (!name.empty()) names += (names.empty() ? "" : ", ") + name;
    }
    order.shipping_amount = shipping;
    order.shipping_method = names;
  }
  const Node fulfillments = doc["fulfillments"];
  for (std::size_t i = 0; i < fulfillments.size(); ++i) {
    const Node f = fulfillments[i];
    if (f["canceled_at"].rfc3339()) continue;
    order.shipped_at = earliest(order.shipped_at, f["shipped_at"].rfc3339());
    order.delivered_at = earliest(order.delivered_at, f["delivered_at"].rfc3339());
  }
  const Node collections = doc["payment_collections"];
  for (std::size_t i = 0; i < collections.size(); ++i) {
    const Node payments = collections[i]["payments"];
    for (std::size_t k = 0; k < payments.size(); ++k) {
      const auto captured = payments[k]["captured_at"].rfc3339();
      order.paid_at = earliest(order.paid_at, captured);
      if (captured && !order.host.contains("payment_id")) {
        order.host["payment_id"] = payments[k]["id"].id();
      }
    }
  }
  order.host["order_id"] = order.id;
  return order;
}

json::array medusa_payload(const Order &order, const RefundPlan &plan) {
  const std::string payment = host_text(order.host, "payment_id");
  if (payment.empty()) {
    fail(Status::not_allowed,
         "order " + order.id + " has no captured payment in its document; nothing to refund",
         "case_ref");
  }
  // Medusa refunds a payment by amount (major units); returned goods are its own return flow.
  return json::array{json::object{
      {"method", "POST"},
      {"path", "/admin/payments/" + payment + "/refund"},
      {"content_type", "application/json"},
      {"body",
       json::object{{"amount", money_number(plan.gross, plan.minor)}, {"note", plan.note}}}}};
}

}  // namespace reclaim::adapters
