// Host order documents → Reclaim's order model, and accepted resolutions → the host's own
// refund requests. Each adapter is a pure mapping without I/O, one file per host.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace reclaim::adapters {

// What an adapter may need from the shop besides the document.
struct ImportContext {
  std::string currency = "EUR";  // PrestaShop orders name their currency by id only
  std::string timezone = "UTC";  // PrestaShop dates are the shop's wall clock
  const boost::json::object *order_mapping = nullptr;  // the generic adapter's field mapping
};

// Parses the host's text: a JSON document, or (prestashop only) an XML document, recognised by
// its first non-space character '<'. Throws Error(invalid_argument) for malformed text.
boost::json::value parse_host_document(std::string_view adapter, std::string_view text);

// Throws Error(unsupported) for an adapter this build does not have, Error(invalid_argument)
// naming the host's field for a document it cannot map. The order's `adapter` and `host`
// members say where it came from and keep the host data its payloads need.
Order to_order(std::string_view adapter, const boost::json::value &document,
               const ImportContext &context = {});

// The accepted resolution of `subject` (a case on `order`) as the host's own request(s).
// Error(not_allowed) without an accepted resolution that moves money; Error(invalid_argument)
// when the order was imported with another adapter.
boost::json::object host_payload(std::string_view adapter, const Order &order, const Case &subject);

// Checks a generic order mapping (the shop's "order_mapping"); errors name `path`.
void check_order_mapping(const boost::json::object &mapping, const std::string &path);

}  // namespace reclaim::adapters
