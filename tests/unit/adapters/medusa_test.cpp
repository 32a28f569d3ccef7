// Medusa v2's order (tests/fixtures/hosts/medusa/ours-v2-admin-order.json, in the shape of the
// API reference's AdminOrder) mapped into Reclaim's order, every value worked out by hand; the
// published v1 order (integer minor units) and broken documents refused naming the field; an
// order captured from a real Medusa 2.21.2 server (tests/medusa) mapped as the plugin imports it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>

#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::fixture;

const char *kOrder = "medusa/ours-v2-admin-order.json";

json::value document() { return json::parse(fixture(kOrder)); }
json::object &order_of(json::value &doc) { return doc.at("order").as_object(); }
json::object &item(json::value &doc, std::size_t i) {
  return order_of(doc).at("items").as_array()[i].as_object();
}
std::string time_text(const std::optional<UnixMs> &at) { return at ? format_rfc3339(*at) : "-"; }

std::string refused(const json::value &doc) {
  try {
    adapters::to_order("medusa", doc);
    return "mapped";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument) << error.what();
    return error.field();
  }
}

TEST(Medusa, AdminOrderMapsEveryField) {
  const Order order =
      adapters::to_order("medusa", adapters::parse_host_document("medusa", fixture(kOrder)));
  EXPECT_EQ(order.adapter, "medusa");
  EXPECT_EQ(order.id, "order_01JG8Q4ZK6VYJ3W1T0S9R8P7N6");
  EXPECT_EQ(order.number, "42");     // display_id
  EXPECT_EQ(order.currency, "PLN");  // currency_code "pln"
  EXPECT_EQ(time_text(order.placed_at), "2026-11-02T10:00:00Z");
  EXPECT_EQ(time_text(order.paid_at), "2026-11-02T10:01:00Z");  // the payment's captured_at
  // The first fulfilment was canceled: its shipped_at does not count.
  EXPECT_EQ(time_text(order.shipped_at), "2026-11-03T08:00:00Z");
  EXPECT_EQ(time_text(order.delivered_at), "2026-11-05T12:30:00Z");
  EXPECT_EQ(order.customer.email, "ola.nowak@example.pl");
  EXPECT_EQ(order.customer.id, "cus_01JG8Q1A2B3C4D5E6F7G8H9J0K");
  EXPECT_EQ(order.customer.name, "Ola Nowak");
  EXPECT_EQ(order.customer.phone, "+48 600 100 200");  // customer.phone null: the address's
  ASSERT_TRUE(order.shipping_address);
  EXPECT_EQ(order.shipping_address->line1, "ul. Długa 5");
  EXPECT_EQ(order.shipping_address->line2, "m. 3");
  EXPECT_EQ(order.shipping_address->city, "Kraków");
  EXPECT_EQ(order.shipping_address->postcode, "31-147");
  EXPECT_EQ(order.shipping_address->region, "małopolskie");
  EXPECT_EQ(order.shipping_address->country, "PL");  // country_code "pl"
  ASSERT_EQ(order.lines.size(), 2u);
  const OrderLine &lamp = order.lines[0];
  EXPECT_EQ(lamp.id, "ordli_01JG8Q4ZK8LAMPA0000000001");
  EXPECT_EQ(lamp.sku, "LMP-1");
  EXPECT_EQ(lamp.name, "Lampa biurkowa");  // "Default variant" says nothing
  EXPECT_EQ(lamp.qty, 1);
  EXPECT_EQ(lamp.unit_price.to_string(), "100");  // tax-inclusive total 100
  EXPECT_EQ(lamp.tax_rate->to_string(), "23");
  EXPECT_EQ(lamp.refunded_qty, 0);
  // raw_tax_total 18.699186991869918699 rounded half up to grosze.
  EXPECT_EQ(order.host.at("lines").at(lamp.id).at("tax"), "18.7");
  const OrderLine &mug = order.lines[1];
  EXPECT_EQ(mug.name, "Kubek (Biały)");
  EXPECT_EQ(mug.sku, "KUB-W");
  EXPECT_EQ(mug.qty, 3);
  // raw_total 36.8631 (3 × 9.99 + 23 %, unrounded by Medusa) → 36.86; / 3 rounded up at 6.
  EXPECT_EQ(order.host.at("lines").at(mug.id).at("total"), "36.86");
  EXPECT_EQ(mug.unit_price.to_string(), "12.286667");
  EXPECT_EQ(mug.refunded_qty, 1);  // detail.return_received_quantity
  EXPECT_EQ(order.shipping_amount->to_string(), "15");
  EXPECT_EQ(order.shipping_method, "Kurier");
  EXPECT_EQ(order.host.at("payment_id"), "pay_01JG8Q4ZKD00000000000001");
}

TEST(Medusa, NumbersWithoutRawValuesAndTheBareOrder) {
  auto doc = document();
  for (std::size_t i = 0; i < 2; ++i) {
    for (const char *raw : {"raw_total", "raw_tax_total"}) item(doc, i).erase(raw);
  }
  const json::value bare = order_of(doc);  // the order without its {"order": …} envelope
  const Order order = adapters::to_order("medusa", bare);
  EXPECT_EQ(order.host.at("lines").at(order.lines[0].id).at("tax"), "18.7");  // 18.69918699186992
  EXPECT_EQ(order.lines[1].unit_price.to_string(), "12.286667");              // 36.8631
}

TEST(Medusa, GuestOrderTakesNameAndPhoneFromTheAddress) {
  auto doc = document();
  order_of(doc)["customer_id"] = nullptr;
  order_of(doc)["customer"] = nullptr;
  const Order order = adapters::to_order("medusa", doc);
  EXPECT_EQ(order.customer.id, "");
  EXPECT_EQ(order.customer.email, "ola.nowak@example.pl");
  EXPECT_EQ(order.customer.name, "Ola Nowak");
  order_of(doc)["shipping_address"] = json::object{{"address_1", ""}, {"city", nullptr}};
  EXPECT_FALSE(adapters::to_order("medusa", doc).shipping_address);  // every part empty
}

TEST(Medusa, PublishedV1OrderInMinorUnitsIsRefused) {
  // medusa-react's v1 order: unit_price 8000 means 80.00 USD there; read as v2 it would be
  // 8000 USD, so it is refused at the first item's missing v2 total.
  const auto v1 = json::parse(fixture("medusa/medusa-react-v1-fixture-order.extracted.json"));
  EXPECT_EQ(refused(v1), "items[0].total");
}

TEST(Medusa, BrokenDocumentsAreRefusedNamingTheField) {
  const auto check = [](const std::function<void(json::value &)> &change, const char *field) {
    auto doc = document();
    change(doc);
    EXPECT_EQ(refused(doc), field);
  };
  check(
      [](json::value &d) {
        item(d, 1)["raw_total"] = json::object{{"value", "12,5"}};
      },
      "order.items[1].raw_total.value");
  check([](json::value &d) { item(d, 1)["raw_total"] = "36.8631"; }, "order.items[1].raw_total");
  check(
      [](json::value &d) {
        item(d, 1)["raw_total"] = json::object{{"precision", 20}};
      },
      "order.items[1].raw_total.value");
  check(
      [](json::value &d) {
        item(d, 0)["raw_total"] = json::object{{"value", "-100"}};
      },
      "order.items[0].raw_total.value");
  check([](json::value &d) { item(d, 0)["quantity"] = 1.5; }, "order.items[0].quantity");
  check([](json::value &d) { item(d, 0)["tax_lines"].as_array()[0].as_object()["rate"] = "VAT"; },
        "order.items[0].tax_lines[0].rate");
  check([](json::value &d) { item(d, 1)["detail"].as_object()["return_received_quantity"] = 4; },
        "order.items[1].detail.return_received_quantity");
  check([](json::value &d) { order_of(d)["currency_code"] = "zzz"; }, "order.currency_code");
  check([](json::value &d) { order_of(d)["email"] = "not an address"; }, "order.email");
  check([](json::value &d) { order_of(d)["shipping_address"].as_object()["postal_code"] = 31147; },
        "order.shipping_address.postal_code");
  check([](json::value &d) { order_of(d)["customer_id"] = json::array{}; }, "order.customer_id");
  check(
      [](json::value &d) {
        order_of(d)["fulfillments"].as_array()[1].as_object()["shipped_at"] = "yesterday";
      },
      "order.fulfillments[1].shipped_at");
  check([](json::value &d) { order_of(d)["items"] = json::array{}; }, "order.items");
  check(
      [](json::value &d) {
        order_of(d)["shipping_methods"].as_array()[0].as_object().erase("total");
        order_of(d)["shipping_methods"].as_array()[0].as_object().erase("raw_total");
      },
      "order.shipping_methods[0].total");
}

TEST(Medusa, OrderCapturedFromARealServer) {
  // GET /admin/orders/{id} of Medusa 2.21.2 in tests/medusa's scenario (placed through the
  // store API, captured, shipped, delivered): 2 × 49.99 + 23 % VAT, which Medusa keeps as
  // 122.9754, and courier shipping 15 + 23 % = 18.45.
  const Order order = adapters::to_order(
      "medusa", adapters::parse_host_document(
                    "medusa", fixture("medusa/captured-v2.21.2-admin-order.json")));
  EXPECT_EQ(order.id, "order_01M8V1APSQQGAJSJBSJD8Y8QC5");
  EXPECT_EQ(order.number, "1");
  EXPECT_EQ(order.currency, "PLN");
  EXPECT_EQ(time_text(order.placed_at), "2026-12-02T09:28:19.003Z");
  EXPECT_EQ(time_text(order.paid_at), "2026-12-02T09:28:19.385Z");
  EXPECT_EQ(time_text(order.shipped_at), "2026-12-02T09:28:19.707Z");
  EXPECT_EQ(time_text(order.delivered_at), "2026-12-02T09:28:19.872Z");
  EXPECT_EQ(order.customer.email, "jan.kowalski.1796203697133@example.com");
  EXPECT_EQ(order.customer.id, "cus_01M8V1AN6DYJKF961VNM4AJ032");
  EXPECT_EQ(order.customer.name, "Jan Kowalski");
  EXPECT_EQ(order.customer.phone, "+48500600700");
  ASSERT_TRUE(order.shipping_address);
  EXPECT_EQ(order.shipping_address->line1, "ul. Marszałkowska 10");
  EXPECT_EQ(order.shipping_address->city, "Warszawa");
  EXPECT_EQ(order.shipping_address->postcode, "00-590");
  EXPECT_EQ(order.shipping_address->country, "PL");
  ASSERT_EQ(order.lines.size(), 1u);
  const OrderLine &mug = order.lines[0];
  EXPECT_EQ(mug.id, "ordli_01M8V1APSSFJKGJR8RX9P8N56T");
  EXPECT_EQ(mug.sku, "KUBEK-RED-001");
  EXPECT_EQ(mug.name, "Kubek ceramiczny (Czerwony)");
  EXPECT_EQ(mug.qty, 2);
  EXPECT_EQ(order.host.at("lines").at(mug.id).at("total"), "122.98");
  EXPECT_EQ(mug.unit_price.to_string(), "61.49");
  EXPECT_EQ(mug.tax_rate->to_string(), "23");
  EXPECT_EQ(order.shipping_amount->to_string(), "18.45");
  EXPECT_EQ(order.shipping_method, "Kurier");
  EXPECT_EQ(order.host.at("payment_id"), "pay_01M8V1APZ01V8Z0R3QXF7SWKG6");
}

TEST(Medusa, RefundPayloadRefundsTheCapturedPayment) {
  const Order order = adapters::to_order("medusa", document());
  Case subject;
  subject.id = "c_1";
  subject.number = "RC-2026-000001";
  subject.kind = Kind::complaint;
  subject.state = State::accepted;
  CaseItem mug;
  mug.item = 1;
  mug.line = order.lines[1].id;
  mug.qty = 1;
  mug.decision.outcome = ItemDecision::Outcome::accepted;
  mug.decision.qty = 1;
  mug.decision.resolution =
      Resolution{ResolutionType::refund, Money{order.lines[1].unit_price, "PLN"}};
  subject.items.push_back(mug);
  const auto payload = adapters::host_payload("medusa", order, subject);
  EXPECT_EQ(payload.at("amount"), "12.29");  // a third of the line's 36.86, half up
  const auto &request = payload.at("requests").as_array().at(0).as_object();
  EXPECT_EQ(request.at("path"), "/admin/payments/pay_01JG8Q4ZKD00000000000001/refund");
  EXPECT_EQ(request.at("body").at("amount").as_double(), 12.29);  // a number, major units
  Order unpaid = order;
  unpaid.host.erase("payment_id");
  try {
    adapters::host_payload("medusa", unpaid, subject);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
  }
}

}  // namespace
}  // namespace reclaim
