// Round trips: a host's document imported, a case opened and accepted, and the host's refund
// request rendered with amounts that match the original lines.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::fixture;

struct Host {
  Engine engine;
  explicit Host(const std::string &currency = "PLN")
      : engine([&] {
          EngineConfig config;
          config.storage.database = "sqlite::memory:";
          ShopConfig shop;
          shop.currency = currency;
          shop.timezone = "Europe/Warsaw";
          config.shops = {shop};
          return config;
        }()) {}

  std::string open(const std::string &order_id, const std::string &items) {
    const auto doc =
        json::parse(R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":")" +
                    order_id + R"(","items":)" + items + "}");
    return engine.open_case(codec::open_request_from_json(doc), json::serialize(doc)).subject.id;
  }
  void act(const std::string &id, const std::string &action) {
    const auto doc = json::parse(action);
    engine.act(id, codec::action_request_from_json(doc), json::serialize(doc));
  }
};

const char *kAcceptRefund =
    R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":{"type":"refund"}})";

TEST(Payloads, WooCommerceRefundOfAWholeLineMatchesItsTotals) {
  Host host("USD");
  host.engine.import_host_order("default", "woocommerce",
                                fixture("woocommerce/order-retrieve-response.json"));
  const auto id = host.open("727", R"([{"line":"315","qty":2,"reason":"defect"}])");
  host.act(id, kAcceptRefund);
  const auto payload = host.engine.host_payload(id, "woocommerce");
  const auto &request = payload.at("requests").at(0);
  EXPECT_EQ(request.at("method"), "POST");
  EXPECT_EQ(request.at("path"), "/wp-json/wc/v3/orders/727/refunds");
  const auto &body = request.at("body");
  EXPECT_EQ(body.at("amount"), "6.45");  // total 6.00 + total_tax 0.45, not 3.225 × 2 rounded
  const auto &line = body.at("line_items").at(0);
  EXPECT_EQ(line.at("id"), "315");
  EXPECT_EQ(line.at("quantity"), 2);
  EXPECT_EQ(line.at("refund_total"), "6.00");
  EXPECT_EQ(line.at("refund_tax").at(0).at("id"), "75");
  EXPECT_EQ(line.at("refund_tax").at(0).at("refund_total"), "0.45");
  EXPECT_EQ(body.at("api_restock"), false);  // refunded without the goods coming back
}

// WooCommerce's order 727 (line 315: two at 6.45 together), `qty` of it returned and exchanged
// for the goods of `resolution`: the host payload.
json::object woocommerce_exchange(std::int64_t qty, const std::string &resolution) {
  Host host("USD");
  host.engine.import_host_order("default", "woocommerce",
                                fixture("woocommerce/order-retrieve-response.json"));
  const auto id = host.open(
      "727", R"([{"line":"315","qty":)" + std::to_string(qty) + R"(,"reason":"defect"}])");
  host.act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":)" +
                   resolution + "}");
  return host.engine.host_payload(id, "woocommerce");
}

// An exchange on WooCommerce: a new order for the goods given, with a fee crediting the goods
// returned, so that its total is the difference the customer pays.
TEST(Payloads, WooCommerceExchangeForDearerGoodsIsANewOrderAwaitingTheDifference) {
  const auto payload = woocommerce_exchange(
      1, R"({"type":"exchange","sku":"woo-hoodie-l","name":"Hoodie L","unit_price":"4.00",
             "currency":"USD","variant_id":"93"})");
  EXPECT_EQ(payload.at("amount"), "0.00");  // nothing paid back
  EXPECT_TRUE(payload.at("lines").as_array().empty());
  const auto &exchange = payload.at("exchange");
  EXPECT_EQ(exchange.at("to_charge"), "0.77");  // 4.00 less 3.225 (6.45 for two) at cents, 3.23
  EXPECT_EQ(exchange.at("lines").at(0).at("line"), "315");
  ASSERT_EQ(payload.at("requests").as_array().size(), 1u);
  const auto &request = payload.at("requests").at(0);
  EXPECT_EQ(request.at("path"), "/wp-json/wc/v3/orders");
  const auto &body = request.at("body");
  EXPECT_EQ(body.at("status"), "pending");
  EXPECT_EQ(body.at("set_paid"), false);
  EXPECT_EQ(body.at("line_items").at(0).at("product_id"), 93);
  EXPECT_EQ(body.at("line_items").at(0).at("quantity"), 1);
  EXPECT_EQ(body.at("fee_lines").at(0).at("total"), "-3.23");
  EXPECT_EQ(body.at("billing").at("email"), "john.doe@example.com");
}

TEST(Payloads, WooCommerceExchangeForCheaperGoodsRefundsTheDifferenceFirst) {
  const auto payload = woocommerce_exchange(
      2, R"({"type":"exchange","sku":"woo-cap","qty":1,"unit_price":"5.00","currency":"USD",
             "variant_id":"94"})");
  EXPECT_EQ(payload.at("amount"), "1.45");  // 6.45 returned, 5.00 given
  EXPECT_EQ(payload.at("lines").at(0).at("resolution"), "exchange");
  EXPECT_EQ(payload.at("lines").at(0).at("qty"), 0);
  ASSERT_EQ(payload.at("requests").as_array().size(), 2u);
  const auto &refund = payload.at("requests").at(0);
  EXPECT_EQ(refund.at("path"), "/wp-json/wc/v3/orders/727/refunds");
  EXPECT_EQ(refund.at("body").at("amount"), "1.45");
  EXPECT_EQ(refund.at("body").at("api_restock"), false);
  const auto &order = payload.at("requests").at(1).at("body");
  EXPECT_EQ(order.at("status"), "processing");  // nothing left to pay
  EXPECT_EQ(order.at("set_paid"), true);
  EXPECT_EQ(order.at("fee_lines").at(0).at("total"), "-5.00");  // credit up to the goods given
}

// Hosts without an exchange request (and WooCommerce without the product's id) get the
// exchange block: what comes back, what goes out, what to charge.
TEST(Payloads, ShopifyExchangeAtTheSamePriceIsTheExchangeBlockAlone) {
  Host host("USD");
  host.engine.import_host_order("default", "shopify",
                                fixture("shopify/apijs-2024-04-order-get-450789469-response.json"));
  const auto unit = host.engine.order("default", "450789469").line("518995019")->unit_price;
  const auto id = host.open("450789469", R"([{"line":"518995019","qty":1,"reason":"defect"}])");
  host.act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":
      {"type":"exchange","name":"Same thing, other colour","unit_price":")" +
                   amount_text(unit, "USD") + R"(","currency":"USD"}})");
  const auto payload = host.engine.host_payload(id, "shopify");
  EXPECT_TRUE(payload.at("requests").as_array().empty());
  const auto &exchange = payload.at("exchange");
  EXPECT_EQ(exchange.at("to_charge"), "0.00");
  EXPECT_EQ(exchange.at("to_refund"), "0.00");
  EXPECT_EQ(exchange.at("lines").at(0).at("settle"), "none");
  EXPECT_EQ(exchange.at("lines").at(0).at("goods").at("name"), "Same thing, other colour");
}

TEST(Payloads, WooCommercePartOfALineAndTwoTaxRates) {
  Host host;
  host.engine.import_host_order("default", "woocommerce",
                                fixture("woocommerce/ours-order-with-refund.json"));
  const auto id = host.open(
      "901",
      R"([{"line":"12","qty":1,"reason":"defect"},{"line":"13","qty":3,"reason":"defect"}])");
  host.act(id, kAcceptRefund);
  const auto body = host.engine.host_payload(id, "woocommerce").at("requests").at(0).at("body");
  // Line 12: 12.90 for 4 → 3.225 for one, rounded half up to 3.23; tax 2.90/12.90 of it = 0.73
  // (0.58 at rate 1, the rest 0.15 at rate 2). Line 13: its whole total 10.00, tax 1.87.
  EXPECT_EQ(body.at("amount"), "13.23");
  EXPECT_EQ(body.at("line_items").at(0).at("refund_total"), "2.50");
  EXPECT_EQ(body.at("line_items").at(0).at("refund_tax").at(0).at("refund_total"), "0.58");
  EXPECT_EQ(body.at("line_items").at(0).at("refund_tax").at(1).at("refund_total"), "0.15");
  EXPECT_EQ(body.at("line_items").at(1).at("refund_total"), "8.13");
  EXPECT_EQ(body.at("line_items").at(1).at("refund_tax").at(0).at("refund_total"), "1.87");
}

// WooCommerce order 901's lines 11 (one unit) and 13 (two) sent back, received with
// `received_items`, and refunded; the refund's payload.
json::object refund_of_returned_woo_goods(const std::string &received_items) {
  Host host;
  host.engine.import_host_order("default", "woocommerce",
                                fixture("woocommerce/ours-order-with-refund.json"));
  const auto id = host.open(
      "901",
      R"([{"line":"11","qty":1,"reason":"defect"},{"line":"13","qty":2,"reason":"defect"}])");
  host.act(id, R"({"action":"authorize_return","actor":{"role":"agent","id":"a"}})");
  host.act(id, R"({"action":"receive_goods","actor":{"role":"agent","id":"a"},"items":)" +
                   received_items + "}");
  host.act(id, kAcceptRefund);
  return host.engine.host_payload(id, "woocommerce");
}

TEST(Payloads, WooCommerceRestocksWhenTheGoodsCameBack) {
  const auto payload = refund_of_returned_woo_goods(
      R"([{"line":"11","qty":1,"condition":"as_new"},{"line":"13","qty":2,"condition":"as_new"}])");
  const auto &body = payload.at("requests").at(0).at("body");
  EXPECT_EQ(body.at("api_restock"), true);
  // Line 11: 400.00 for 2, one unit 200.00 (the other was refunded before); line 13: 10.00 for
  // 3, two units 6.666… rounded half up to 6.67.
  EXPECT_EQ(body.at("amount"), "206.67");
  EXPECT_EQ(payload.at("lines").at(1).at("restock_qty"), 2);
}

TEST(Payloads, GoodsNotForStockAreNotRestocked) {
  const auto payload = refund_of_returned_woo_goods(R"([
      {"line":"11","qty":1,"condition":"as_new","disposition":"restock"},
      {"line":"13","qty":2,"condition":"damaged","disposition":"scrap"}])");
  EXPECT_EQ(payload.at("lines").at(0).at("restock_qty"), 1);
  EXPECT_EQ(payload.at("lines").at(1).at("restock_qty"), 0) << "scrapped";
  // WooCommerce restocks the whole refund or none of it: not while one line is scrapped.
  EXPECT_EQ(payload.at("requests").at(0).at("body").at("api_restock"), false);
}

TEST(Payloads, ShopifyRefundWithRestockAndParentTransaction) {
  Host host("USD");
  host.engine.import_host_order("default", "shopify",
                                fixture("shopify/apijs-2024-04-order-get-450789469-response.json"));
  const auto id = host.open("450789469", R"([{"line":"518995019","qty":1,"reason":"defect"}])");
  host.act(id, R"({"action":"authorize_return","actor":{"role":"agent","id":"a"}})");
  host.act(
      id,
      R"({"action":"receive_goods","actor":{"role":"agent","id":"a"},"items":[{"line":"518995019","qty":1,"condition":"as_new"}]})");
  host.act(id, kAcceptRefund);
  const auto payload = host.engine.host_payload(id, "shopify");
  const auto &request = payload.at("requests").at(0);
  EXPECT_EQ(request.at("path"), "/admin/api/2024-04/orders/450789469/refunds.json");
  const auto &refund = request.at("body").at("refund");
  EXPECT_EQ(refund.at("refund_line_items").at(0).at("line_item_id"), 518995019);
  EXPECT_EQ(refund.at("refund_line_items").at(0).at("restock_type"), "return");
  // The order's one fulfillment failed; the location is the earlier refund's return's.
  EXPECT_EQ(refund.at("refund_line_items").at(0).at("location_id"), 487838322);
  EXPECT_EQ(refund.at("transactions").at(0).at("amount"), "199.65");  // 199.00 - 3.33 + 3.98
  EXPECT_EQ(refund.at("transactions").at(0).at("parent_id"), 801038806);
  EXPECT_EQ(refund.at("transactions").at(0).at("gateway"), "bogus");
  EXPECT_EQ(payload.at("tax"), "3.98");
}

TEST(Payloads, Magento2CreditMemoWithPartialAmount) {
  Host host;
  host.engine.import_host_order("default", "magento2",
                                fixture("magento2/ours-order-configurable-bundle.json"));
  const auto id = host.open(
      "41",
      R"([{"line":"103","qty":1,"reason":"defect"},{"line":"106","qty":1,"reason":"defect"}])");
  host.act(id, R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"items":[
      {"line":"103","qty":1,"resolution":{"type":"refund"}},
      {"line":"106","qty":1,"resolution":{"type":"partial_refund","amount":"10.00","currency":"PLN"}}]})");
  const auto body = host.engine.host_payload(id, "magento2").at("requests").at(0).at("body");
  EXPECT_EQ(body.at("items").at(0).at("order_item_id"), 103);
  EXPECT_EQ(body.at("items").at(1).at("order_item_id"), 104);  // the bundle's children
  EXPECT_EQ(body.at("items").at(2).at("order_item_id"), 105);
  EXPECT_EQ(body.at("items").at(2).at("qty"), 2);
  EXPECT_EQ(body.at("items").as_array().size(), 3u);  // 106 is money only: an adjustment
  EXPECT_EQ(body.at("arguments").at("adjustment_positive"), 10);
  EXPECT_EQ(body.at("arguments").at("adjustment_negative"), 0);
}

TEST(Payloads, PrestaShopOrderSlipAndShopware6Transition) {
  Host host;
  host.engine.import_host_order("default", "prestashop", fixture("prestashop/ours-order-5.xml"));
  const auto id = host.open("5", R"([{"line":"9","qty":1,"reason":"defect"}])");
  host.act(id, kAcceptRefund);
  const auto request = host.engine.host_payload(id, "prestashop").at("requests").at(0);
  EXPECT_EQ(request.at("content_type"), "application/xml");
  const std::string xml(request.at("body").as_string());
  EXPECT_NE(xml.find("<id_order><![CDATA[5]]></id_order>"), std::string::npos);
  EXPECT_NE(xml.find("<amount_tax_incl><![CDATA[29.40]]></amount_tax_incl>"), std::string::npos);
  EXPECT_NE(xml.find("<amount_tax_excl><![CDATA[23.90]]></amount_tax_excl>"), std::string::npos);
  EXPECT_NE(xml.find("<partial><![CDATA[1]]></partial>"), std::string::npos);

  Host eur("EUR");
  eur.engine.import_host_order("default", "shopware6", fixture("shopware6/ours-admin-order.json"));
  const auto sw =
      eur.open("2b0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b",
               R"([{"line":"8d6c7e5f4a3b2c1d0e9f8a7b6c5d4e3f","qty":3,"reason":"defect"}])");
  eur.act(sw, kAcceptRefund);
  const auto requests = eur.engine.host_payload(sw, "shopware6").at("requests");
  EXPECT_EQ(requests.at(0).at("path"),
            "/api/_action/order_transaction/cc0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b/state/refund");
  EXPECT_EQ(requests.at(1).at("body").at("amount").at("totalPrice"), 20826.3);
  EXPECT_EQ(requests.at(1).at("body").at("captureId"), "dd0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b");
}

TEST(Payloads, Shopware6PartOfTheOrderAndGenericNeutralDocument) {
  Host eur("EUR");
  eur.engine.import_host_order("default", "shopware6", fixture("shopware6/ours-admin-order.json"));
  const auto sw =
      eur.open("2b0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b",
               R"([{"line":"8d6c7e5f4a3b2c1d0e9f8a7b6c5d4e3f","qty":1,"reason":"defect"}])");
  eur.act(sw, kAcceptRefund);
  const auto requests = eur.engine.host_payload(sw, "shopware6").at("requests");
  EXPECT_EQ(
      requests.at(0).at("path"),
      "/api/_action/order_transaction/cc0e8b1d6a7c4f0b9e3a5d7c1f2e4a6b/state/refund_partially");
  // 20826.30 for 3: one unit 6942.10, of which tax 3325.25 / 20826.30 = 1108.42.
  const auto &position = requests.at(1).at("body").at("positions").at(0);
  EXPECT_EQ(position.at("refundPrice"), 6942.1);
  EXPECT_EQ(position.at("quantity"), 1);

  EngineConfig config;
  config.storage.database = "sqlite::memory:";
  ShopConfig shop;
  shop.order_mapping = json::parse(R"({"id": "/ref", "currency": {"value": "PLN"},
      "lines": "/items", "line": {"id": "/pos", "name": "/title", "qty": "/n",
      "line_total": "/total", "tax_rate": "/vat"}})")
                           .as_object();
  config.shops = {shop};
  Engine engine(config);
  engine.import_host_order("default", "generic",
                           R"({"ref": "G-1", "items": [{"pos": 1, "title": "Lampa", "n": 3,
                               "total": "100.00", "vat": "23"}]})");
  const auto doc = json::parse(
      R"({"kind":"return","actor":{"role":"agent","id":"a"},"order_id":"G-1","items":[{"line":"1","qty":2,"reason":"changed_mind"}]})");
  const std::string id(
      engine.open_case(codec::open_request_from_json(doc), "h").subject.id);
  const auto accept = json::parse(kAcceptRefund);
  engine.act(id, codec::action_request_from_json(accept), "a");
  const auto body = engine.host_payload(id, "generic").at("requests").at(0).at("body");
  // 100.00 for 3: two units 66.666… → 66.67; tax at 23 %: 66.67 × 23 / 123 = 12.47.
  EXPECT_EQ(body.at("amount"), "66.67");
  EXPECT_EQ(body.at("lines").at(0).at("tax"), "12.47");
  EXPECT_EQ(body.at("lines").at(0).at("net"), "54.20");
}

TEST(Payloads, WrongStateOtherAdapterAndCaseWithoutOrder) {
  Host host("USD");
  host.engine.import_host_order("default", "woocommerce",
                                fixture("woocommerce/order-retrieve-response.json"));
  const auto id = host.open("727", R"([{"line":"316","qty":1,"reason":"defect"}])");
  const auto status = [&](const std::string &ref, const char *adapter) {
    try {
      host.engine.host_payload(ref, adapter);
      return Status::ok;
    } catch (const Error &error) {
      return error.status();
    }
  };
  EXPECT_EQ(status(id, "woocommerce"), Status::not_allowed);  // received: nothing accepted
  host.act(
      id,
      R"({"action":"accept","actor":{"role":"supervisor","id":"s"},"resolution":{"type":"replacement"}})");
  EXPECT_EQ(status(id, "woocommerce"), Status::not_allowed);  // accepted, but moves no money
  const auto other = host.open("727", R"([{"line":"315","qty":1,"reason":"defect"}])");
  host.act(other, kAcceptRefund);
  EXPECT_EQ(status(other, "shopify"), Status::invalid_argument);
  EXPECT_EQ(status(other, "woocommerce"), Status::ok);
  const auto doc = json::parse(
      R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"items":[{"sku":"X","name":"Thing","qty":1,"unit_price":"10.00","currency":"USD","reason":"defect"}]})");
  const std::string loose(
      host.engine.open_case(codec::open_request_from_json(doc), "h").subject.id);
  host.act(loose, kAcceptRefund);
  EXPECT_EQ(status(loose, "woocommerce"), Status::not_allowed);
  EXPECT_EQ(status("RC-1999-000001", "woocommerce"), Status::not_found);
}

}  // namespace
}  // namespace reclaim
