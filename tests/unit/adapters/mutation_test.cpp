// Every value of each host document replaced, one at a time, by values of the wrong kind: the
// adapter either maps the document or refuses it with Error(invalid_argument) naming a field;
// nothing else escapes (no other exception, no crash; the sanitizer build runs this too).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>

#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "unit/adapters/fixture.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

void collect(json::value &value, std::vector<json::value *> &out) {
  out.push_back(&value);
  if (value.is_object()) {
    for (auto &member : value.get_object()) collect(member.value(), out);
  } else if (value.is_array()) {
    for (auto &element : value.get_array()) collect(element, out);
  }
}

const json::value kReplacements[] = {json::value(nullptr),
                                     json::value(""),
                                     json::value("x\u00e9"),
                                     json::value(-1),
                                     json::value(2.5),
                                     json::value(1e308),
                                     json::value(true),
                                     json::array{},
                                     json::object{},
                                     json::value(std::uint64_t{18446744073709551615ull}),
                                     json::value("0000-00-00 00:00:00"),
                                     json::value("-0.5")};

void mutate_all(const std::string &adapter, const std::string &file) {
  adapters::ImportContext context;
  context.currency = "PLN";
  context.timezone = "Europe/Warsaw";
  const auto original = adapters::parse_host_document(adapter, test::fixture(file));
  json::value probe = original;
  std::vector<json::value *> values;
  collect(probe, values);
  int mapped = 0, refused = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {  // 0 is the whole document
    for (std::size_t r = 0; r < std::size(kReplacements); ++r) {
      if ((i + r) % 3 != 0) continue;  // a third of the pairs, spread over both
      json::value doc = original;
      std::vector<json::value *> targets;
      collect(doc, targets);
      *targets[i] = kReplacements[r];
      try {
        adapters::to_order(adapter, doc, context);
        ++mapped;
      } catch (const Error &error) {
        EXPECT_EQ(error.status(), Status::invalid_argument)
            << file << " #" << i << ": " << error.what();
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 0) << file;
  EXPECT_GT(mapped, 0) << file;
}

TEST(MutatedDocuments, EveryAdapterRefusesOrMaps) {
  mutate_all("woocommerce", "woocommerce/ours-order-with-refund.json");
  mutate_all("woocommerce", "woocommerce/order-retrieve-response.json");
  mutate_all("shopify", "shopify/apijs-2024-04-order-get-450789469-response.json");
  mutate_all("magento2", "magento2/ours-order-configurable-bundle.json");
  mutate_all("prestashop", "prestashop/ours-order-5.xml");
  mutate_all("shopware6", "shopware6/ours-admin-order.json");
  mutate_all("medusa", "medusa/ours-v2-admin-order.json");
}

}  // namespace
}  // namespace reclaim
