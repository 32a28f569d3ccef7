// Policies, eligibility and the deadline watch.
#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "codec/policy_json.hpp"
#include "codec/requests.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_policy_set(reclaim_engine *e, const char *shop, const char *policy_json,
                       char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const std::string shop_id = abi::identifier(shop, "shop", "default");
    const auto document = abi::parse(policy_json, codec::kMaxRequestBytes, "policy_json");
    // Omitted members take the preset of the shop's jurisdiction (Error(not_found): no shop).
    const auto jurisdiction =
        codec::jurisdiction_from_text(engine.shop_config(shop_id).jurisdiction);
    const Policy policy = engine.set_policy(shop_id, codec::policy_from_json(document, jurisdiction));
    return codec::policy_set_to_json(shop_id, policy);
  });
}

int reclaim_policy_get(reclaim_engine *e, const char *shop, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    return engine.get_policy(abi::identifier(shop, "shop", "default"));
  });
}

int reclaim_eligibility_check(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, codec::kMaxRequestBytes, "request_json");
    return engine.check_eligibility(codec::eligibility_request_from_json(document));
  });
}

int reclaim_tick(reclaim_engine *e, char **out_json) {
  return abi::run(out_json, [&] { return abi::engine_of(e).tick(); });
}

}  // extern "C"
