// Malformed and hostile host documents: refused with the host's field named, nothing stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::fixture;

// Applies `edit` to the fixture's JSON and expects invalid_argument naming `field`.
template <typename Edit>
void refused(const std::string &adapter, const std::string &file, Edit edit,
             const std::string &field) {
  auto doc = json::parse(fixture(file));
  edit(doc);
  try {
    adapters::to_order(adapter, doc);
    ADD_FAILURE() << "accepted; expected an error at " << field;
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument) << error.what();
    EXPECT_EQ(error.field(), field) << error.what();
  }
}

const char *kWoo = "woocommerce/order-retrieve-response.json";
const char *kShopify = "shopify/apijs-2024-04-order-get-450789469-response.json";
const char *kMagento = "magento2/ours-order-configurable-bundle.json";
const char *kShopware = "shopware6/ours-admin-order.json";

json::object &woo_line(json::value &doc, std::size_t i) {
  return doc.at("line_items").as_array()[i].as_object();
}

TEST(HostileDocuments, WooCommerce) {
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 1)["quantity"] = "2"; },
      "line_items[1].quantity");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["quantity"] = -2; },
      "line_items[0].quantity");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["quantity"] = 2.5; },
      "line_items[0].quantity");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 1)["price"] = "12"; },
      "line_items[1].price");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["total"] = "1e3"; },
      "line_items[0].total");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["total"] = 1e300; },
      "line_items[0].total");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["total"] = "99999999999999.00"; },
      "line_items[0].total");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["total"] = "-6.00"; },
      "line_items[0].total");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 0)["total"] = 0.1234567; },
      "line_items[0].total");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 1).erase("id"); }, "line_items[1].id");
  refused(
      "woocommerce", kWoo,
      [](json::value &d) {
        woo_line(d, 1)["name"] =
            "a\x01"
            "b";
      },
      "line_items[1].name");
  refused(
      "woocommerce", kWoo, [](json::value &d) { woo_line(d, 1)["id"] = 315; }, "line_items[1].id");
  refused(
      "woocommerce", kWoo, [](json::value &d) { d.as_object()["currency"] = "XXY"; }, "currency");
  refused(
      "woocommerce", kWoo, [](json::value &d) { d.as_object()["date_created_gmt"] = "yesterday"; },
      "date_created_gmt");
  refused(
      "woocommerce", kWoo, [](json::value &d) { d.as_object()["line_items"] = json::array{}; },
      "line_items");
  refused(
      "woocommerce", kWoo, [](json::value &d) { d.as_object()["billing"] = "x"; }, "billing");
  refused(
      "woocommerce", kWoo,
      [](json::value &d) {
        d.as_object()["refunds"] = json::parse(
            R"([{"id":1,"line_items":[{"quantity":-3,"meta_data":[{"key":"_refunded_item_id","value":"315"}]}]}])");
      },
      "refunds[0].line_items[0].quantity");
}

TEST(HostileDocuments, Shopify) {
  const auto line = [](json::value &d, std::size_t i) -> json::object & {
    return d.at("order").at("line_items").as_array()[i].as_object();
  };
  refused(
      "shopify", kShopify, [&](json::value &d) { line(d, 2)["price_set"] = "199"; },
      "order.line_items[2].price_set");
  refused(
      "shopify", kShopify, [&](json::value &d) { line(d, 0)["quantity"] = json::value(nullptr); },
      "order.line_items[0].quantity");
  refused(
      "shopify", kShopify,
      [&](json::value &d) { d.at("order").as_object()["created_at"] = "2008-01-10 11:00"; },
      "order.created_at");
  refused(
      "shopify", kShopify, [&](json::value &d) { line(d, 0)["id"] = 1.5; },
      "order.line_items[0].id");
  refused(
      "shopify", kShopify,
      [&](json::value &d) {
        line(d, 0)["discount_allocations"] = json::parse(R"([{"amount":"500.00"}])");
      },
      "order.line_items[0].discount_allocations");
}

TEST(HostileDocuments, Magento2AndShopware6) {
  const auto item = [](json::value &d, std::size_t i) -> json::object & {
    return d.at("items").as_array()[i].as_object();
  };
  refused(
      "magento2", kMagento, [&](json::value &d) { item(d, 5)["qty_ordered"] = 1.5; },
      "items[5].qty_ordered");
  refused(
      "magento2", kMagento, [&](json::value &d) { item(d, 1)["parent_item_id"] = 999; },
      "items[1].parent_item_id");
  refused(
      "magento2", kMagento, [&](json::value &d) { item(d, 5)["row_total_incl_tax"] = 108.0000001; },
      "items[5].row_total_incl_tax");
  refused(
      "magento2", kMagento,
      [&](json::value &d) { d.as_object()["created_at"] = "2026-11-02T09:15:00+02:00"; },
      "created_at");
  refused(
      "shopware6", kShopware, [](json::value &d) { d.at("data").as_object()["id"] = "1234"; },
      "data.id");
  refused(
      "shopware6", kShopware,
      [](json::value &d) { d.at("data").at("price").as_object()["taxStatus"] = "both"; },
      "data.price.taxStatus");
}

TEST(HostileDocuments, MalformedTextAndXml) {
  const auto refused_text = [](const char *adapter, const std::string &text) {
    try {
      adapters::parse_host_document(adapter, text);
      ADD_FAILURE() << text;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument) << text;
    }
  };
  refused_text("woocommerce", "{\"id\": 1,");
  refused_text("woocommerce", "{\"name\": \"\xff\xfe\"}");
  refused_text("prestashop", "<prestashop><order><id>1</id></order>");
  refused_text("prestashop",
               "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">"
               "<!ENTITY b \"&a;&a;&a;&a;\">]><x>&b;</x>");
  refused_text("prestashop", "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x/>");
  refused_text("prestashop", "<order><name>\xc3\x28</name></order>");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  refused_text("prestashop", deep);
}

TEST(HostileDocuments, NothingIsStoredWhenAnImportFails) {
  EngineConfig config;
  config.storage.database = "sqlite::memory:";
  config.shops = {ShopConfig{}};
  Engine engine(config);
  auto doc = json::parse(fixture(kWoo));
  woo_line(doc, 1)["quantity"] = "many";
  try {
    engine.import_host_order("default", "woocommerce", json::serialize(doc));
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "line_items[1].quantity");
  }
  try {
    engine.order("default", "727");
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_found);
  }
}

}  // namespace
}  // namespace reclaim
