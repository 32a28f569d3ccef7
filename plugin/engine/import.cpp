// Orders from hosts' own documents: the shop's context for the adapter, then the usual import.
#include "adapters/registry.hpp"
#include "engine/engine.hpp"

namespace reclaim {

OrderImport Engine::import_host_order(const std::string &shop_id, const std::string &adapter,
                                      std::string_view text) {
  const Shop &where = shop(shop_id);
  const auto document = adapters::parse_host_document(adapter, text);
  adapters::ImportContext context;
  context.currency = where.config.currency;
  context.timezone = where.config.timezone;
  if (!where.config.order_mapping.empty()) context.order_mapping = &where.config.order_mapping;
  OrderImport result = import_order(shop_id, adapters::to_order(adapter, document, context));
  result.adapter = adapter;
  return result;
}

}  // namespace reclaim
