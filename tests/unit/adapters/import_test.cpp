// Each host's published order documents mapped into Reclaim's order, every value checked against
// the document by hand (the expected numbers are worked out in the comments).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::fixture;

Order import(const std::string &adapter, const std::string &text,
             const adapters::ImportContext &context = {}) {
  return adapters::to_order(adapter, adapters::parse_host_document(adapter, text), context);
}

std::string time_text(const std::optional<UnixMs> &at) { return at ? format_rfc3339(*at) : "-"; }
std::string price(const OrderLine &line) { return line.unit_price.to_string(); }

TEST(WooCommerce, PublishedOrder727) {
  const Order order = import("woocommerce", fixture("woocommerce/order-retrieve-response.json"));
  EXPECT_EQ(order.adapter, "woocommerce");
  EXPECT_EQ(order.id, "727");
  EXPECT_EQ(order.number, "727");
  EXPECT_EQ(order.currency, "USD");
  EXPECT_EQ(time_text(order.placed_at), "2017-03-22T19:28:02Z");  // date_created_gmt
  EXPECT_EQ(time_text(order.paid_at), "2017-03-22T19:28:08Z");    // date_paid_gmt
  EXPECT_EQ(time_text(order.shipped_at), "-");                    // date_completed_gmt null
  EXPECT_EQ(order.customer.email, "john.doe@example.com");
  EXPECT_EQ(order.customer.name, "John Doe");
  EXPECT_EQ(order.customer.phone, "(555) 555-5555");
  ASSERT_EQ(order.lines.size(), 2u);
  EXPECT_EQ(order.lines[0].id, "315");
  EXPECT_EQ(order.lines[0].qty, 2);
  EXPECT_EQ(price(order.lines[0]), "3.225");  // (6.00 + 0.45) / 2: more places than USD has
  EXPECT_EQ(order.lines[0].tax_rate->to_string(), "7.5");  // 0.45 / 6.00
  EXPECT_EQ(order.lines[1].id, "316");
  EXPECT_EQ(order.lines[1].sku, "Bar3");
  EXPECT_EQ(order.lines[1].name, "Ship Your Idea \u2013 Color: Black, Size: M Test");
  EXPECT_EQ(price(order.lines[1]), "12.9");                               // 12.00 + 0.90
  EXPECT_EQ(order.lines[1].tags, std::vector<std::string>{"variation"});  // variation_id 23
  EXPECT_EQ(order.shipping_amount->to_string(), "10");
  EXPECT_EQ(order.shipping_method, "Flat Rate");
  EXPECT_EQ(order.host.at("lines").at("315").at("total"), "6.45");
}

TEST(WooCommerce, RefundSummariesCarryNoQuantities) {
  const auto list = json::parse(fixture("woocommerce/orders-list-response.json")).as_array();
  const Order order = adapters::to_order("woocommerce", list[1]);
  EXPECT_EQ(order.id, "723");
  for (const auto &line : order.lines) EXPECT_EQ(line.refunded_qty, 0);
}

TEST(WooCommerce, EmbeddedRefundLinesFeesTaxesAndThreeDecimalPrices) {
  const Order order = import("woocommerce", fixture("woocommerce/ours-order-with-refund.json"));
  ASSERT_EQ(order.lines.size(), 3u);
  EXPECT_EQ(order.lines[0].name, "Czajnik & podstawka");
  EXPECT_EQ(price(order.lines[0]), "200");                // (325.20 + 74.80) / 2
  EXPECT_EQ(order.lines[0].refunded_qty, 1);              // refund 950, _refunded_item_id 11
  EXPECT_EQ(order.lines[0].tax_rate->to_string(), "23");  // tax_lines rate_percent
  EXPECT_EQ(price(order.lines[1]), "3.225");              // (10.00 + 2.90) / 4, exact at 6 places
  EXPECT_EQ(order.lines[1].tax_rate->to_string(), "29");  // two rates: 2.90 / 10.00
  EXPECT_EQ(price(order.lines[2]), "3.333334");           // 10.00 / 3, rounded up at 6 places
  EXPECT_EQ(order.host.at("lines").at("13").at("total"), "10");  // refunds use the line total
  EXPECT_EQ(order.shipping_amount->to_string(), "14.99");        // 12.19 + 2.80
  EXPECT_EQ(order.extra.at("fees").at(0).at("amount"), "5.00");  // 4.07 + 0.93
  EXPECT_EQ(time_text(order.shipped_at), "2026-11-03T08:00:00Z");
}

TEST(Shopify, PublishedOrder450789469) {
  const Order order =
      import("shopify", fixture("shopify/apijs-2024-04-order-get-450789469-response.json"));
  EXPECT_EQ(order.id, "450789469");
  EXPECT_EQ(order.number, "#1001");
  EXPECT_EQ(order.currency, "USD");
  EXPECT_EQ(time_text(order.placed_at), "2008-01-10T16:00:00Z");  // 11:00-05:00
  EXPECT_EQ(time_text(order.paid_at), "2008-01-10T16:00:00Z");    // partially_refunded
  EXPECT_EQ(time_text(order.shipped_at), "-");  // its one fulfillment has status "failure"
  EXPECT_EQ(order.customer.email, "bob.norman@mail.example.com");
  EXPECT_EQ(order.customer.name, "Bob Norman");
  ASSERT_EQ(order.lines.size(), 3u);
  EXPECT_EQ(order.lines[0].id, "466157049");
  EXPECT_EQ(order.lines[0].sku, "IPOD2008GREEN");
  EXPECT_EQ(order.lines[0].name, "IPod Nano - 8gb - green");
  EXPECT_EQ(price(order.lines[0]), "199.64");            // 199.00 - 3.34 discount + 3.98 tax
  EXPECT_EQ(price(order.lines[1]), "199.65");            // 199.00 - 3.33 + 3.98
  EXPECT_EQ(order.lines[0].tax_rate->to_string(), "6");  // rate 0.06
  EXPECT_EQ(order.lines[0].refunded_qty, 1);             // refund_line_items 466157049 × 1
  EXPECT_EQ(order.lines[1].refunded_qty, 0);
  EXPECT_EQ(order.lines[2].refunded_qty, 1);  // 703073504 × 1
  EXPECT_EQ(order.shipping_amount->to_string(), "0");
  EXPECT_EQ(order.shipping_method, "Free Shipping");
  EXPECT_EQ(order.host.at("parent_id"), "801038806");  // the sale the earlier refund paid back
  EXPECT_EQ(order.host.at("gateway"), "bogus");
}

TEST(Shopify, TaxesIncludedAndDeliveredFulfilments) {
  auto doc = json::parse(fixture("shopify/apijs-2024-04-order-get-450789469-response.json"));
  auto &order = doc.at("order").as_object();
  order["taxes_included"] = true;
  auto &fulfilment = order["fulfillments"].as_array()[0].as_object();
  fulfilment["status"] = "success";
  fulfilment["shipment_status"] = "delivered";
  const Order mapped = adapters::to_order("shopify", doc);
  EXPECT_EQ(price(mapped.lines[0]), "195.66");  // 199.00 - 3.34, tax already inside
  EXPECT_EQ(time_text(mapped.shipped_at), "2024-04-02T13:59:11Z");
  EXPECT_EQ(time_text(mapped.delivered_at), "2024-04-02T13:59:11Z");
}

TEST(Shopify, IdsBeyond53BitsStayExact) {
  auto doc = json::parse(fixture("shopify/apijs-2024-04-order-get-450789469-response.json"));
  doc.at("order").as_object()["id"] = std::uint64_t{9223372036854775807ull};
  doc.at("order").at("line_items").as_array()[1].as_object()["id"] =
      std::int64_t{5764607523034234881};
  const Order mapped = adapters::to_order("shopify", doc);
  EXPECT_EQ(mapped.id, "9223372036854775807");
  EXPECT_EQ(mapped.lines[1].id, "5764607523034234881");
}

TEST(Magento2, ConfigurableAndBundleLinesCollapseToTheirParents) {
  const Order order = import("magento2", fixture("magento2/ours-order-configurable-bundle.json"));
  EXPECT_EQ(order.id, "41");
  EXPECT_EQ(order.number, "000000041");
  EXPECT_EQ(order.currency, "PLN");  // order_currency_code, not base EUR
  EXPECT_EQ(time_text(order.placed_at), "2026-11-02T09:15:00Z");
  EXPECT_EQ(order.customer.name, "Anna Nowak");
  ASSERT_EQ(order.lines.size(), 3u);  // 101 (configurable), 103 (bundle), 106
  EXPECT_EQ(order.lines[0].id, "101");
  EXPECT_EQ(order.lines[0].qty, 2);           // 2.0000
  EXPECT_EQ(order.lines[0].refunded_qty, 1);  // qty_refunded 1.0000
  EXPECT_EQ(price(order.lines[0]), "50");     // row_total_incl_tax 100 / 2
  EXPECT_EQ(order.lines[1].id, "103");
  EXPECT_EQ(price(order.lines[1]), "295.99");  // children 199.99 + 96.0
  EXPECT_EQ(order.lines[2].id, "106");
  EXPECT_EQ(price(order.lines[2]), "29.333334");  // (108 - 20.000000000000004 → 20) / 3
  EXPECT_EQ(order.lines[2].tax_rate->to_string(), "23");
  EXPECT_EQ(order.shipping_amount->to_string(), "15.99");
  EXPECT_EQ(order.host.at("lines").at("103").at("children").as_array().size(), 2u);
}

TEST(PrestaShop, XmlAndJsonGiveTheSameOrder) {
  adapters::ImportContext context;
  context.currency = "PLN";
  context.timezone = "Europe/Warsaw";
  const Order xml = import("prestashop", fixture("prestashop/ours-order-5.xml"), context);
  const Order json_order = import("prestashop", fixture("prestashop/ours-order-5.json"), context);
  for (const Order *order : {&xml, &json_order}) {
    EXPECT_EQ(order->id, "5");
    EXPECT_EQ(order->number, "XKBKNABJK");
    EXPECT_EQ(order->currency, "PLN");
    EXPECT_EQ(time_text(order->placed_at), "2026-11-02T09:15:00Z");  // 10:15 in Warsaw
    EXPECT_EQ(time_text(order->paid_at), "2026-11-02T09:20:00Z");
    EXPECT_EQ(time_text(order->shipped_at), "-");  // 0000-00-00 00:00:00
    ASSERT_EQ(order->lines.size(), 2u);
    EXPECT_EQ(order->lines[0].id, "9");
    EXPECT_EQ(order->lines[0].name, "Koszulka - Rozmiar : S, Kolor : Biały");
    EXPECT_EQ(order->lines[0].qty, 2);
    EXPECT_EQ(price(order->lines[0]), "29.4");
    EXPECT_EQ(order->lines[0].tax_rate->to_string(), "23.01");  // 5.50 / 23.90
    EXPECT_EQ(order->lines[1].name, "Kubek <Dzień dobry> & spółka");
    EXPECT_EQ(order->shipping_amount->to_string(), "8.61");
  }
  EXPECT_EQ(json::serialize(xml.host), json::serialize(json_order.host));
}

TEST(PrestaShop, PublishedBlankSchemaIsRefusedNamingTheEmptyId) {
  try {
    import("prestashop", fixture("prestashop/psdocs-orders-blank-schema.xml"));
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
    EXPECT_EQ(error.field(), "prestashop.order.id");
  }
}

TEST(Shopware6, AdminOrderWithFloatArtefacts) {
  const Order order = import("shopware6", fixture("shopware6/ours-admin-order.json"));
  EXPECT_EQ(order.id, "2b0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b");
  EXPECT_EQ(order.number, "10060");
  EXPECT_EQ(order.currency, "EUR");
  EXPECT_EQ(time_text(order.placed_at), "2026-11-02T10:00:00Z");
  EXPECT_EQ(time_text(order.paid_at), "2026-11-02T10:05:00Z");     // transaction paid
  EXPECT_EQ(time_text(order.shipped_at), "2026-11-03T14:30:00Z");  // delivery shipped
  EXPECT_EQ(order.customer.name, "Max Mustermann");
  ASSERT_EQ(order.lines.size(), 1u);  // the promotion line is kept aside
  EXPECT_EQ(order.lines[0].sku, "SW10001");
  EXPECT_EQ(price(order.lines[0]), "6942.1");  // 20826.300000000003 → 20826.30, / 3
  EXPECT_EQ(order.lines[0].tax_rate->to_string(), "19");
  EXPECT_EQ(order.extra.at("other_lines").at(0).at("type"), "promotion");
  EXPECT_EQ(order.host.at("transaction_id"), "cc0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b");
}

TEST(Shopware6, NetOrdersAddTheirCalculatedTaxes) {
  auto doc = json::parse(fixture("shopware6/ours-admin-order.json"));
  doc.at("data").at("price").as_object()["taxStatus"] = "net";
  auto &line = doc.at("data").at("lineItems").as_array()[0].as_object();
  line["totalPrice"] = 17501.05;
  const Order order = adapters::to_order("shopware6", doc);
  EXPECT_EQ(price(order.lines[0]), "6942.1");  // (17501.05 + 3325.25) / 3
}

TEST(Shopware6, PublishedStoreApiOrderIsRefusedNamingTheMissingId) {
  try {
    import("shopware6", fixture("shopware6/swdocs-store-api-checkout-order-response-partial.json"));
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
    EXPECT_EQ(error.field(), "id");
  }
}

TEST(Generic, MappingReadsAnyShape) {
  const auto mapping = json::parse(R"({
    "order": "/data/order", "id": "/ref", "number": {"pointer": "/no", "convert": "text"},
    "currency": {"value": "PLN"}, "placed_at": {"pointer": "/created", "convert": "unix_seconds"},
    "delivered_at": {"pointer": "/delivered", "convert": "local"},
    "customer_email": "/buyer/e~1mail", "customer_name": "/buyer/name",
    "lines": "/items", "prices": "net",
    "line": {"id": "/pos", "name": "/title", "qty": "/n", "sku": "/code",
             "unit_price": {"pointer": "/net", "convert": "minor_units"},
             "tax_rate": {"pointer": "/vat", "convert": "fraction"}},
    "shipping_amount": "/delivery/0/cost"})")
                           .as_object();
  adapters::ImportContext context;
  context.timezone = "Europe/Warsaw";
  context.order_mapping = &mapping;
  const auto document = json::parse(R"({"data": {"order": {"ref": 77, "no": "S-77",
    "created": 1793616000, "delivered": "2026-11-05 13:00:00",
    "buyer": {"e/mail": "ola@example.pl", "name": "Ola"},
    "items": [{"pos": 1, "title": "Lampa", "n": 3, "code": "LMP", "net": 1000, "vat": 0.23}],
    "delivery": [{"cost": "9.99"}]}}})");
  const Order order = adapters::to_order("generic", document, context);
  EXPECT_EQ(order.id, "77");
  EXPECT_EQ(order.number, "S-77");
  EXPECT_EQ(order.currency, "PLN");
  EXPECT_EQ(time_text(order.placed_at), "2026-11-02T10:40:00Z");
  EXPECT_EQ(time_text(order.delivered_at), "2026-11-05T12:00:00Z");  // 13:00 in Warsaw
  EXPECT_EQ(order.customer.email, "ola@example.pl");
  ASSERT_EQ(order.lines.size(), 1u);
  EXPECT_EQ(order.lines[0].id, "1");
  EXPECT_EQ(order.lines[0].tax_rate->to_string(), "23");
  EXPECT_EQ(price(order.lines[0]), "12.3");  // 10.00 net × 3 × 1.23 = 36.90, / 3
  EXPECT_EQ(order.shipping_amount->to_string(), "9.99");
}

TEST(Generic, MappingErrorsNameTheMappingAndDocumentErrorsTheHostField) {
  const auto check = [](const char *mapping_text, const char *field) {
    try {
      adapters::check_order_mapping(json::parse(mapping_text).as_object(), "order_mapping");
      ADD_FAILURE() << mapping_text;
    } catch (const Error &error) {
      EXPECT_EQ(error.field(), field) << mapping_text;
    }
  };
  check(R"({"id": "/id", "currency": "/c", "lines": "/l"})", "order_mapping.line");
  check(R"({"id": "id", "currency": "/c", "lines": "/l", "line": {}})", "order_mapping.id");
  check(R"({"id": "/id", "currency": "/c", "lines": "/l", "colour": "/x", "line": {}})",
        "order_mapping.colour");
  check(R"({"id": "/id", "currency": "/c", "lines": "/l",
            "line": {"id": "/i", "name": "/n", "qty": {"pointer": "/q", "convert": "roman"}}})",
        "order_mapping.line.qty.convert");
  const auto mapping = json::parse(R"({"id": "/id", "currency": {"value": "PLN"}, "lines": "/l",
      "line": {"id": "/i", "name": "/n", "qty": "/q", "unit_price": "/p"}})")
                           .as_object();
  adapters::ImportContext context;
  context.order_mapping = &mapping;
  try {
    adapters::to_order("generic", json::parse(R"({"id": 1, "l": [{"i": 1, "n": "A", "q": 1,
        "p": "1.00"}, {"i": 2, "n": "B", "q": 1, "p": true}]})"),
                       context);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "l[1].p");
  }
}

TEST(Adapters, UnknownAdapterAndXmlForOtherHosts) {
  try {
    import("amazon", "{}");
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::unsupported);
  }
  try {
    import("woocommerce", "  <order><id>1</id></order>");
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
  }
}

}  // namespace
}  // namespace reclaim
