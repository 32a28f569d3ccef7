// The customer's host id and shipping address each adapter maps, from the hosts' own documents
// (tests/fixtures/hosts), guests without an id, and mistyped parts refused naming the host field.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::fixture;

Order map(const std::string &adapter, const json::value &doc) {
  adapters::ImportContext context;
  context.currency = "PLN";
  context.timezone = "Europe/Warsaw";
  return adapters::to_order(adapter, doc, context);
}

json::value doc_of(const std::string &adapter, const std::string &file) {
  return adapters::parse_host_document(adapter, fixture(file));
}

// "line1|line2|city|postcode|region|country", or "-" for no address.
std::string address(const Order &order) {
  if (!order.shipping_address) return "-";
  const Address &a = *order.shipping_address;
  return a.line1 + "|" + a.line2 + "|" + a.city + "|" + a.postcode + "|" + a.region + "|" +
         a.country;
}

// The field an import refuses, or "mapped".
std::string refused(const std::string &adapter, const json::value &doc) {
  try {
    map(adapter, doc);
    return "mapped";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument) << error.what();
    return error.field();
  }
}

TEST(WooCommerceCustomer, PublishedOrdersGuestAndRegistered) {
  // Order 727: customer_id 0, a guest; its shipping address in full.
  const Order guest =
      map("woocommerce", doc_of("woocommerce", "woocommerce/order-retrieve-response.json"));
  EXPECT_EQ(guest.customer.id, "");
  EXPECT_EQ(address(guest), "969 Market||San Francisco|94103|CA|US");
  // Order 723 of the published list: customer 26, shipped to Rio.
  const auto list = json::parse(fixture("woocommerce/orders-list-response.json"));
  const Order known = map("woocommerce", list.as_array()[1]);
  EXPECT_EQ(known.customer.id, "26");
  EXPECT_EQ(address(known), "Av. Brasil, 432||Rio de Janeiro|12345-000|RJ|BR");
}

TEST(WooCommerceCustomer, EmptyAddressIsNoneAndBadTypesNameTheField) {
  auto doc = doc_of("woocommerce", "woocommerce/order-retrieve-response.json");
  auto &shipping = doc.as_object()["shipping"].as_object();
  for (const char *part : {"address_1", "city", "state", "postcode", "country"})
    shipping[part] = "";
  EXPECT_EQ(address(map("woocommerce", doc)), "-");  // virtual goods: every part empty
  shipping["postcode"] = 94103;
  EXPECT_EQ(refused("woocommerce", doc), "shipping.postcode");
  doc = doc_of("woocommerce", "woocommerce/order-retrieve-response.json");
  doc.as_object()["customer_id"] = -5;
  EXPECT_EQ(refused("woocommerce", doc), "customer_id");
  doc.as_object()["customer_id"] = json::array{};
  EXPECT_EQ(refused("woocommerce", doc), "customer_id");
  doc.as_object()["customer_id"] = "0";
  EXPECT_EQ(map("woocommerce", doc).customer.id, "");
}

TEST(ShopifyCustomer, PublishedOrderCustomerAndCodes) {
  auto doc = doc_of("shopify", "shopify/apijs-2024-04-order-get-450789469-response.json");
  const Order order = map("shopify", doc);
  EXPECT_EQ(order.customer.id, "207119551");
  // province_code and country_code, not the names Kentucky / United States.
  EXPECT_EQ(address(order), "Chestnut Street 92||Louisville|40202|KY|US");
  auto &ship_to = doc.at("order").as_object()["shipping_address"].as_object();
  ship_to["province_code"] = nullptr;
  ship_to["country_code"] = nullptr;
  EXPECT_EQ(address(map("shopify", doc)),
            "Chestnut Street 92||Louisville|40202|Kentucky|United States");
  ship_to["zip"] = 40202;
  EXPECT_EQ(refused("shopify", doc), "order.shipping_address.zip");
}

TEST(ShopifyCustomer, GuestCheckoutHasNoCustomerOrAddress) {
  auto doc = doc_of("shopify", "shopify/apijs-2024-04-order-get-450789469-response.json");
  doc.at("order").as_object().erase("customer");
  doc.at("order").as_object()["shipping_address"] = nullptr;
  const Order order = map("shopify", doc);
  EXPECT_EQ(order.customer.id, "");
  EXPECT_EQ(address(order), "-");
  doc.at("order").as_object()["customer"] = json::object{{"id", 1.5}};
  EXPECT_EQ(refused("shopify", doc), "order.customer.id");
}

TEST(Magento2Customer, ShippingAssignmentAddressAndBillingPhone) {
  auto doc = doc_of("magento2", "magento2/ours-order-configurable-bundle.json");
  const Order order = map("magento2", doc);
  EXPECT_EQ(order.customer.id, "3");
  EXPECT_EQ(order.customer.phone, "+48 600 100 200");  // billing_address.telephone
  // street[0] is line1; the other lines joined are line2.
  EXPECT_EQ(address(order), "ul. Długa 5|m. 3, klatka B|Kraków|31-147|małopolskie|PL");
  auto &root = doc.as_object();
  root["customer_id"] = nullptr;  // a guest
  root["customer_is_guest"] = 1;
  root.erase("extension_attributes");  // a virtual order: no shipping assignment
  const Order guest = map("magento2", doc);
  EXPECT_EQ(guest.customer.id, "");
  EXPECT_EQ(address(guest), "-");
}

TEST(Magento2Customer, MistypedStreetIsRefusedWhereItSits) {
  auto doc = doc_of("magento2", "magento2/ours-order-configurable-bundle.json");
  auto &address_of = doc.at("extension_attributes")
                         .at("shipping_assignments")
                         .as_array()[0]
                         .at("shipping")
                         .at("address")
                         .as_object();
  address_of["street"] = "ul. Długa 5";  // a string where Magento writes an array
  EXPECT_EQ(refused("magento2", doc),
            "extension_attributes.shipping_assignments[0].shipping.address.street");
  address_of["street"] = json::array{"ul. Długa 5", 7};
  EXPECT_EQ(refused("magento2", doc),
            "extension_attributes.shipping_assignments[0].shipping.address.street[1]");
  address_of["street"] = json::array{"a", std::string(200, 'b'), std::string(100, 'c')};
  EXPECT_EQ(refused("magento2", doc),
            "extension_attributes.shipping_assignments[0].shipping.address.street");
}

TEST(Shopware6Customer, FirstDeliveryAddressWithItsAssociations) {
  auto doc = doc_of("shopware6", "shopware6/ours-admin-order.json");
  const Order order = map("shopware6", doc);
  EXPECT_EQ(order.customer.id, "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e");
  EXPECT_EQ(address(order), "Ebbinghoff 10|Hinterhaus|Schöppingen|48624|DE-NW|DE");
  auto &ship_to =
      doc.at("data").at("deliveries").as_array()[0].at("shippingOrderAddress").as_object();
  ship_to.erase("country");  // associations not loaded: their ids say nothing to a person
  ship_to.erase("countryState");
  EXPECT_EQ(address(map("shopware6", doc)), "Ebbinghoff 10|Hinterhaus|Schöppingen|48624||");
  ship_to["zipcode"] = json::object{};
  EXPECT_EQ(refused("shopware6", doc), "data.deliveries[0].shippingOrderAddress.zipcode");
  doc = doc_of("shopware6", "shopware6/ours-admin-order.json");
  doc.at("data").at("orderCustomer").as_object()["customerId"] = "42";
  EXPECT_EQ(refused("shopware6", doc), "data.orderCustomer.customerId");
  doc.at("data").at("orderCustomer").as_object()["customerId"] = nullptr;  // customer deleted
  doc.at("data").as_object()["deliveries"] = json::array{};
  const Order bare = map("shopware6", doc);
  EXPECT_EQ(bare.customer.id, "");
  EXPECT_EQ(address(bare), "-");
}

TEST(PrestaShopCustomer, IdFromTheOrderAddressIsAnotherResource) {
  for (const char *file : {"prestashop/ours-order-5.xml", "prestashop/ours-order-5.json"}) {
    const Order order = map("prestashop", doc_of("prestashop", file));
    EXPECT_EQ(order.customer.id, "2") << file;
    EXPECT_EQ(address(order), "-") << file;  // id_address_delivery names it; not fetched
  }
  auto doc = doc_of("prestashop", "prestashop/ours-order-5.json");
  doc.at("order").as_object()["id_customer"] = "0";
  EXPECT_EQ(map("prestashop", doc).customer.id, "");
  doc.at("order").as_object()["id_customer"] = json::array{};
  EXPECT_EQ(refused("prestashop", doc), "order.id_customer");
}

TEST(GenericCustomer, MappedIdAndAddressParts) {
  const auto mapping =
      json::parse(R"({"id": "/ref", "currency": {"value": "PLN"}, "lines": "/items",
    "customer_id": "/buyer/id", "shipping_line1": "/to/street", "shipping_city": "/to/city",
    "shipping_postcode": "/to/zip", "shipping_country": {"value": "PL"},
    "line": {"id": "/pos", "name": "/title", "qty": "/n", "unit_price": "/price"}})")
          .as_object();
  adapters::ImportContext context;
  context.order_mapping = &mapping;
  auto doc = json::parse(R"({"ref": 77, "buyer": {"id": 1234},
    "to": {"street": "ul. Długa 5", "city": "Kraków", "zip": "31-147"},
    "items": [{"pos": 1, "title": "Lampa", "n": 1, "price": "10.00"}]})");
  Order order = adapters::to_order("generic", doc, context);
  EXPECT_EQ(order.customer.id, "1234");
  EXPECT_EQ(address(order), "ul. Długa 5||Kraków|31-147||PL");
  doc.as_object()["buyer"] = json::object{{"id", 0}};
  doc.as_object().erase("to");
  const auto no_country = json::parse(R"({"id": "/ref", "currency": {"value": "PLN"},
    "lines": "/items", "customer_id": "/buyer/id", "shipping_line1": "/to/street",
    "line": {"id": "/pos", "name": "/title", "qty": "/n", "unit_price": "/price"}})")
                              .as_object();
  context.order_mapping = &no_country;
  order = adapters::to_order("generic", doc, context);
  EXPECT_EQ(order.customer.id, "");  // 0: a guest
  EXPECT_EQ(address(order), "-");
  doc.as_object()["to"] = json::object{{"street", true}};
  try {
    adapters::to_order("generic", doc, context);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "to.street");
  }
  try {
    adapters::check_order_mapping(
        json::parse(R"({"id": "/i", "currency": "/c", "lines": "/l", "shipping_city": "city",
                        "line": {"id": "/i", "name": "/n", "qty": "/q", "unit_price": "/p"}})")
            .as_object(),
        "order_mapping");
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "order_mapping.shipping_city");
  }
}

}  // namespace
}  // namespace reclaim
