// Orders: import through an adapter, read back.
#include "abi/shim.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_order_import(reclaim_engine *e, const char *shop, const char *adapter,
                         const char *host_order_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const std::string shop_id = abi::identifier(shop, "shop", "default");
    const std::string adapter_name = abi::identifier(adapter, "adapter");
    abi::require(host_order_json, "host_order_json");
    return engine.import_host_order(shop_id, adapter_name, host_order_json);
  });
}

int reclaim_order_get(reclaim_engine *e, const char *shop, const char *order_id,
                      char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    return engine.order(abi::identifier(shop, "shop", "default"),
                        abi::identifier(order_id, "order_id"));
  });
}

}  // extern "C"
