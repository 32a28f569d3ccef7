// WooCommerce REST API wc/v3: GET /orders/{id} in, POST /orders/{id}/refunds out.
// Totals are strings, line prices numbers; a line's price with tax is (total + total_tax) /
// quantity (see unit_price_of). date_*_gmt are UTC without a zone; date_* (shop-local, no zone)
// are not read. Refund objects embedded in "refunds" with their negative "line_items" (linked by
// the meta "_refunded_item_id") count as quantities already refunded; the order's own summary
// entries ({id, reason, total}) carry no quantities. Fee lines are kept in the order's extra.
// customer_id 0 is a guest; "shipping" is the address (an all-empty one for virtual goods).
#include <boost/json.hpp>
#include <map>

#include "adapters/customer.hpp"
#include "adapters/host_value.hpp"
#include "adapters/hosts.hpp"
#include "adapters/line_price.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

// Product names come HTML-escaped ("Ship Your Idea &ndash; Color: Black").
std::string unescape_html(const std::string &text) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},        {"&lt;", "<"},        {"&gt;", ">"},         {"&quot;", "\""},
      {"&#039;", "'"},       {"&#39;", "'"},       {"&apos;", "'"},       {"&ndash;", "\u2013"},
      {"&mdash;", "\u2014"}, {"&nbsp;", "\u00a0"}, {"&hellip;", "\u2026"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto &[entity, plain] : kNamed) {
        if (std::string_view(text).substr(i).starts_with(entity)) {
          out += plain;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// tax_lines[].rate_id → rate_percent (WooCommerce 5.7+), when given.
std::map<std::string, Decimal> rate_percents(const Node &tax_lines) {
  std::map<std::string, Decimal> out;
  for (std::size_t i = 0; i < tax_lines.size(); ++i) {
    const Node tax = tax_lines[i];
    const auto id = tax["rate_id"].optional_id();
    const auto percent = tax["rate_percent"].optional_money(6);
    if (id && percent) out[*id] = *percent;
  }
  return out;
}

OrderLine line_from(const Node &item, int minor, const std::map<std::string, Decimal> &rates,
                    json::object &host) {
  OrderLine line;
  line.id = item["id"].id();
  line.sku = item["sku"].optional_text(200).value_or("");
  line.name = unescape_html(item["name"].text());
  if (line.name.empty()) item["name"].fail_here("required");
  line.qty = item["quantity"].integer(1, kMaxQuantity);
  const Decimal total = item["total"].money(minor);
  const Decimal tax = item["total_tax"].money(minor);
  const Node price = item["price"];
  if (price.present() && !price.raw()->is_number()) price.fail_here("expected a number");
  price.optional_money(minor);
  const Decimal gross = total + tax;
  const Node taxes = item["taxes"];
  json::array tax_ids;
  std::optional<Decimal> rate;
  for (std::size_t i = 0; i < taxes.size(); ++i) {
    const auto id = taxes[i]["id"].id();
    const Decimal part = taxes[i]["total"].money(minor);
    tax_ids.push_back(json::object{{"id", id}, {"total", part.to_string()}});
    if (auto found = rates.find(id); found != rates.end() && taxes.size() == 1)
      rate = found->second;
  }
  line.tax_rate = rate ? rate : tax_rate_of(total, tax);
  if (const auto variation = item["variation_id"].optional_integer(0, INT64_MAX);
      variation && *variation > 0) {
    line.tags.push_back("variation");
  }
  auto &kept = price_line(line, host, gross, tax);
  kept["net"] = total.to_string();
  kept["taxes"] = std::move(tax_ids);
  return line;
}

// The refunded line's id from the meta "_refunded_item_id".
std::string refunded_item(const Node &refund_line) {
  const Node meta = refund_line["meta_data"];
  for (std::size_t i = 0; i < meta.size(); ++i) {
    if (meta[i]["key"].optional_text() == "_refunded_item_id") return meta[i]["value"].id();
  }
  refund_line["meta_data"].fail_here("a refunded line names its order line in _refunded_item_id");
}

}  // namespace

Order woocommerce_order(const json::value &document) {
  const Node doc = root(document);
  if (!doc.is_object()) doc.fail_here("expected a JSON object (a WooCommerce order)");
  Order order;
  order.adapter = "woocommerce";
  order.id = doc["id"].id();
  order.number = doc["number"].optional_id().value_or(order.id);
  order.currency = doc["currency"].text(8);
  const int minor = minor_units(order.currency, "currency");
  order.placed_at = doc["date_created_gmt"].utc_without_zone();
  order.paid_at = doc["date_paid_gmt"].utc_without_zone();
  order.shipped_at = doc["date_completed_gmt"].utc_without_zone();
  const Node billing = doc["billing"];
  order.customer.email = billing["email"].email();
  order.customer.name = full_name(billing["first_name"], billing["last_name"]);
  order.customer.phone = billing["phone"].optional_text(64).value_or("");
  order.customer.id = customer_id(doc["customer_id"]);  // 0: a guest
  const Node ship_to = doc["shipping"];
  order.shipping_address = address_or_none(
      {street_line(ship_to["address_1"]), street_line(ship_to["address_2"]), city(ship_to["city"]),
       postcode(ship_to["postcode"]), region(ship_to["state"]), country(ship_to["country"])});
  const auto rates = rate_percents(doc["tax_lines"]);
  const Node items = doc["line_items"];
  check_line_count(items);
  LineIds ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    OrderLine line = line_from(items[i], minor, rates, order.host);
    ids.add(line.id, items[i]["id"]);
    order.lines.push_back(std::move(line));
  }
  const Node shipping = doc["shipping_lines"];
  if (shipping.size() > 0) {
    Decimal amount;
    std::string methods;
    for (std::size_t i = 0; i < shipping.size(); ++i) {
      amount = amount + shipping[i]["total"].money(minor) + shipping[i]["total_tax"].money(minor);
      const auto title = shipping[i]["method_title"].optional_text().value_or("");
      if (!title.empty()) methods += (methods.empty() ? "" : ", ") + title;
    }
    order.shipping_amount = amount;
    order.shipping_method = methods;
  }
  const Node fees = doc["fee_lines"];
  json::array fee_list;
  for (std::size_t i = 0; i < fees.size() && i < 50; ++i) {
    const Decimal amount =
        fees[i]["total"].money(minor, true) + fees[i]["total_tax"].money(minor, true);
    fee_list.push_back(json::object{{"id", fees[i]["id"].id()},
                                    {"name", fees[i]["name"].optional_text().value_or("")},
                                    {"amount", amount.to_string(minor)}});
  }
  if (!fee_list.empty()) order.extra["fees"] = std::move(fee_list);
  const Node refunds = doc["refunds"];
  for (std::size_t r = 0; r < refunds.size(); ++r) {
    const Node lines = refunds[r]["line_items"];
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Node refunded = lines[i];
      const std::int64_t qty = refunded["quantity"].integer(-kMaxQuantity, 0);
      const std::string target = refunded_item(refunded);
      auto found = std::find_if(order.lines.begin(), order.lines.end(),
                                [&](const OrderLine &l) { return l.id == target; });
      if (found == order.lines.end()) {
        refunded["meta_data"].fail_here("names line '" + target + "', not in line_items");
      }
      found->refunded_qty -= qty;
      if (found->refunded_qty > found->qty) {
        refunded["quantity"].fail_here("refunds more than line '" + target + "' holds");
      }
    }
  }
  order.host["order_id"] = order.id;
  return order;
}

json::array woocommerce_payload(const Order &order, const RefundPlan &plan) {
  json::array lines;
  for (const auto &line : plan.lines) {
    json::object out{{"id", line.line->id},
                     {"quantity", line.qty},
                     {"refund_total", money_text(line.net, plan.minor)}};
    // The tax goes back per tax rate of the line, in the proportions the line was taxed.
    json::array taxes;
    const auto *kept = line.host.if_contains("taxes");
    const Decimal line_tax = host_decimal(line.host, "tax");
    if (kept && kept->is_array() && !kept->get_array().empty() && !line_tax.zero()) {
      const auto &parts = kept->get_array();
      Decimal left = line.tax;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto &part = parts[i].get_object();
        Decimal share = left;
        if (i + 1 < parts.size()) {
          share =
              portion(line.tax, host_decimal(part, "total").units(), line_tax.units(), plan.minor);
        }
        left = left - share;
        taxes.push_back(json::object{{"id", host_text(part, "id")},
                                     {"refund_total", money_text(share, plan.minor)}});
      }
    }
    out["refund_tax"] = std::move(taxes);
    lines.push_back(std::move(out));
  }
  json::object body{{"amount", money_text(plan.gross, plan.minor)},
                    {"reason", plan.note},
                    {"api_refund", true},
                    {"api_restock", plan.restock},
                    {"line_items", std::move(lines)}};
  return json::array{json::object{
      {"method", "POST"},
      {"path", "/wp-json/wc/v3/orders/" + host_text(order.host, "order_id") + "/refunds"},
      {"content_type", "application/json"},
      {"body", std::move(body)}}};
}

}  // namespace reclaim::adapters
