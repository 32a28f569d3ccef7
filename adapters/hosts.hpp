// The per-host mappings the registry dispatches to (adapters/<host>.cpp). A payload is the
// list of requests the host sends, in order: {"method", "path", "content_type", "body"}.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>

#include "adapters/exchange_plan.hpp"
#include "adapters/refund_plan.hpp"
#include "adapters/registry.hpp"

namespace reclaim::adapters {

Order woocommerce_order(const boost::json::value &document);
boost::json::array woocommerce_payload(const Order &order, const RefundPlan &plan);
// The new order an exchange makes, when every exchange names its goods' product id.
std::optional<boost::json::object> woocommerce_exchange_order(const Order &order,
                                                              const Case &subject,
                                                              const ExchangePlan &plan);

Order shopify_order(const boost::json::value &document);
boost::json::array shopify_payload(const Order &order, const RefundPlan &plan);

Order magento2_order(const boost::json::value &document);
boost::json::array magento2_payload(const Order &order, const RefundPlan &plan);

Order prestashop_order(const boost::json::value &document, const ImportContext &context);
boost::json::array prestashop_payload(const Order &order, const RefundPlan &plan);

Order shopware6_order(const boost::json::value &document, const ImportContext &context);
boost::json::array shopware6_payload(const Order &order, const RefundPlan &plan);

Order medusa_order(const boost::json::value &document);
boost::json::array medusa_payload(const Order &order, const RefundPlan &plan);

Order generic_order(const boost::json::value &document, const ImportContext &context);
boost::json::array generic_payload(const Order &order, const RefundPlan &plan);

// PrestaShop's XML (webservice default output) as the JSON its output_format=JSON gives.
boost::json::value prestashop_xml_to_json(std::string_view xml);

}  // namespace reclaim::adapters
