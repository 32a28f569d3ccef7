#include "adapters/registry.hpp"

#include <string>

#include "codec/order_json.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace {

// Hosts whose adapters are planned; named so the caller learns it is coming, not misspelt.
constexpr std::string_view kPlanned[] = {"woocommerce", "shopify",   "magento2",
                                         "prestashop",  "shopware6", "generic"};

}  // namespace

Order to_order(std::string_view adapter, const boost::json::value &document) {
  if (adapter == "reclaim") return codec::order_from_json(document);
  for (const auto planned : kPlanned) {
    if (adapter == planned) {
      fail(Status::unsupported,
           "the " + std::string(adapter) + " adapter is not in this build yet; use \"reclaim\"",
           "adapter");
    }
  }
  fail(Status::unsupported, "unknown adapter '" + std::string(adapter) + "'", "adapter");
}

}  // namespace reclaim::adapters
