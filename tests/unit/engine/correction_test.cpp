// A fulfilled refund's event carries what a correction invoice needs (adapters/correction.hpp),
// from the same refund plan as the host payloads: per line the units, gross, net, tax and rate,
// the item's reason, the totals per rate, the original order and the case.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/order_json.hpp"
#include "codec/requests.hpp"
#include "engine/engine.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

// A Polish shop with order PL-1: two kettles at 23 % VAT, four mugs at 8 %. The kettle's name
// is hostile on purpose (markup, a right-to-left mark, combining letters, quotes).
constexpr const char *kKettle = "Czajnik <b>\"elektryczny\"</b> \u200f\u05e2\u05d1 Z\u0307\u00f3\u0142ty";

struct Shop {
  Engine engine{[] {
    EngineConfig config;
    config.storage.database = "sqlite::memory:";
    ShopConfig shop;
    shop.currency = "PLN";
    shop.timezone = "Europe/Warsaw";
    config.shops = {shop};
    return config;
  }()};

  Shop() {
    json::object kettle{{"id", "1"}, {"sku", "CZ-1"}, {"name", kKettle}, {"qty", 2},
                        {"unit_price", "123.00"}, {"tax_rate", "23"}};
    json::object mug{{"id", "2"},          {"sku", "KB-4"},    {"name", "Kubek"},
                     {"qty", 4},           {"unit_price", "10.80"}, {"tax_rate", "8"}};
    const json::value order{{"id", "PL-1"},
                            {"number", "2026/11/0042"},
                            {"currency", "PLN"},
                            {"placed_at", "2026-11-02T09:00:00Z"},
                            {"delivered_at", "2026-11-05T12:00:00Z"},
                            {"customer", {{"email", "jan@example.pl"}, {"name", "Jan Kowalski"}}},
                            {"lines", json::array{kettle, mug}}};
    engine.import_order("default", codec::order_from_json(order));
  }

  std::string open(const std::string &items) {
    const auto doc = json::parse(
        R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":"PL-1","items":)" +
        items + "}");
    return engine.open_case(codec::open_request_from_json(doc), json::serialize(doc)).subject.id;
  }
  void act(const std::string &id, const std::string &action) {
    const auto doc = json::parse(action);
    engine.act(id, codec::action_request_from_json(doc), json::serialize(doc));
  }
  // The data of the case's last case.state_changed event.
  json::object last_change(const std::string &id) {
    EventQuery query;
    query.limit = 1000;
    json::object found;
    for (const auto &event : engine.read_events(query).events) {
      if (event.case_id == id && event.type == "case.state_changed") found = event.data;
    }
    return found;
  }
};

constexpr const char *kFulfil =
    R"({"action":"fulfil","actor":{"role":"host"},"reference":"refund 77"})";

TEST(Correction, AFulfilledRefundCarriesTheLinesRatesAndTotalsOfItsCorrectionInvoice) {
  Shop shop;
  const auto id = shop.open(
      R"([{"line":"1","qty":1,"reason":"defect"},{"line":"2","qty":4,"reason":"not_as_described"}])");
  shop.act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"items":[
      {"line":"1","qty":1,"resolution":{"type":"refund"}},
      {"line":"2","qty":4,"resolution":{"type":"price_reduction","amount":"10.80","currency":"PLN"}}]})");
  EXPECT_FALSE(shop.last_change(id).contains("correction"));  // accepted: nothing paid yet
  shop.act(id, kFulfil);

  const auto data = shop.last_change(id);
  ASSERT_TRUE(data.contains("correction")) << json::serialize(data);
  const auto &c = data.at("correction").as_object();
  EXPECT_EQ(c.at("order_id"), "PL-1");
  EXPECT_EQ(c.at("order_number"), "2026/11/0042");
  EXPECT_EQ(c.at("ordered_at"), "2026-11-02T09:00:00Z");
  EXPECT_EQ(c.at("delivered_at"), "2026-11-05T12:00:00Z");
  EXPECT_EQ(std::string(c.at("case_number").as_string()), shop.engine.get_case(id).subject.number);
  EXPECT_EQ(c.at("case_kind"), "complaint");
  EXPECT_EQ(c.at("currency"), "PLN");

  const auto &kettle = c.at("lines").at(0).as_object();
  EXPECT_EQ(kettle.at("line"), "1");
  EXPECT_EQ(kettle.at("name"), kKettle);  // the text as given; JSON escapes what it must
  EXPECT_EQ(kettle.at("ordered_qty"), 2);
  EXPECT_EQ(kettle.at("qty"), 1);
  EXPECT_EQ(kettle.at("unit_gross"), "123.00");
  EXPECT_EQ(kettle.at("gross"), "123.00");
  EXPECT_EQ(kettle.at("tax"), "23.00");  // 123.00 × 23 / 123
  EXPECT_EQ(kettle.at("net"), "100.00");
  EXPECT_EQ(kettle.at("tax_rate"), "23");
  EXPECT_EQ(kettle.at("resolution"), "refund");
  EXPECT_EQ(kettle.at("reason"), "defect");

  const auto &mug = c.at("lines").at(1).as_object();
  EXPECT_EQ(mug.at("qty"), 0);  // a price reduction: the customer keeps the mugs
  EXPECT_EQ(mug.at("ordered_qty"), 4);
  EXPECT_EQ(mug.at("gross"), "10.80");
  EXPECT_EQ(mug.at("tax"), "0.80");  // 10.80 × 8 / 108
  EXPECT_EQ(mug.at("net"), "10.00");
  EXPECT_EQ(mug.at("tax_rate"), "8");
  EXPECT_EQ(mug.at("resolution"), "price_reduction");
  EXPECT_EQ(mug.at("reason"), "not_as_described");

  // Totals per rate, as the invoice sums them, and the whole.
  const auto &rates = c.at("by_tax_rate").as_array();
  ASSERT_EQ(rates.size(), 2u);
  EXPECT_EQ(rates.at(0).at("tax_rate"), "23");
  EXPECT_EQ(rates.at(0).at("net"), "100.00");
  EXPECT_EQ(rates.at(1).at("tax_rate"), "8");
  EXPECT_EQ(rates.at(1).at("tax"), "0.80");
  EXPECT_EQ(c.at("gross"), "133.80");
  EXPECT_EQ(c.at("net"), "110.00");
  EXPECT_EQ(c.at("tax"), "23.80");
}

TEST(Correction, APartialRefundIsMoneyOnlyWithItsTaxSplitAtTheLinesRate) {
  Shop shop;
  const auto id = shop.open(R"([{"line":"2","qty":3,"reason":"defect"}])");
  shop.act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"items":[
      {"line":"2","qty":3,"resolution":{"type":"partial_refund","amount":"7.77","currency":"PLN"}}]})");
  shop.act(id, kFulfil);
  const auto c = shop.last_change(id).at("correction");
  EXPECT_EQ(c.at("lines").at(0).at("qty"), 0);  // money only: partial refunds keep the goods
  EXPECT_EQ(c.at("lines").at(0).at("gross"), "7.77");
  EXPECT_EQ(c.at("lines").at(0).at("tax"), "0.58");  // 7.77 × 8 / 108 = 0.5755… → 0.58
  EXPECT_EQ(c.at("lines").at(0).at("net"), "7.19");
}

TEST(Correction, AHostsOrderGivesTheSameAmountsAsItsRefundRequest) {
  Engine engine([] {
    EngineConfig config;
    config.storage.database = "sqlite::memory:";
    config.shops = {ShopConfig{}};
    config.shops[0].currency = "PLN";
    return config;
  }());
  engine.import_host_order("default", "woocommerce",
                           test::fixture("woocommerce/ours-order-with-refund.json"));
  std::string open_id;
  const auto run = [&](const std::string &action) {
    const auto doc = json::parse(action);
    return engine.act(open_id, codec::action_request_from_json(doc), json::serialize(doc));
  };
  const auto doc = json::parse(
      R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":"901","items":[{"line":"12","qty":1,"reason":"defect"},{"line":"13","qty":3,"reason":"defect"}]})");
  open_id = engine.open_case(codec::open_request_from_json(doc), "h").subject.id;
  run(R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":{"type":"refund"}})");
  const auto body =
      engine.host_payload(open_id, "woocommerce").at("requests").at(0).at("body");
  run(kFulfil);
  EventQuery query;
  json::object correction;
  for (const auto &event : engine.read_events(query).events) {
    if (event.type == "case.state_changed" && event.data.contains("correction")) {
      correction = event.data.at("correction").as_object();
    }
  }
  ASSERT_FALSE(correction.empty());
  // WooCommerce's request refunds 13.23 (3.23 of line 12 with 0.73 tax, 10.00 of line 13 with
  // 1.87): the invoice corrects by the same figures.
  EXPECT_EQ(correction.at("gross"), body.at("amount"));
  EXPECT_EQ(correction.at("gross"), "13.23");
  EXPECT_EQ(correction.at("lines").at(0).at("tax"), "0.73");
  EXPECT_EQ(correction.at("lines").at(1).at("tax"), "1.87");
  EXPECT_EQ(correction.at("currency"), "PLN");
}

TEST(Correction, NothingWhenNoMoneyGoesBackOrTheCaseNamesNoOrder) {
  Shop shop;
  const auto replaced = shop.open(R"([{"line":"1","qty":1,"reason":"defect"}])");
  shop.act(replaced,
           R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":{"type":"replacement"}})");
  shop.act(replaced, kFulfil);
  EXPECT_EQ(shop.last_change(replaced).at("to"), "resolved");
  EXPECT_FALSE(shop.last_change(replaced).contains("correction"));

  const auto doc = json::parse(
      R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"items":[{"sku":"X","name":"Thing","qty":1,"unit_price":"10.00","currency":"PLN","reason":"defect"}]})");
  const std::string loose(shop.engine.open_case(codec::open_request_from_json(doc), "h").subject.id);
  shop.act(loose, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":{"type":"refund"}})");
  shop.act(loose, kFulfil);  // no order: the host invoices from the case itself
  EXPECT_EQ(shop.last_change(loose).at("to"), "resolved");
  EXPECT_FALSE(shop.last_change(loose).contains("correction"));
}

}  // namespace
}  // namespace reclaim
