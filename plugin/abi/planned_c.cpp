// Entry points whose features land in later releases: they check their arguments like every
// other function, then answer RECLAIM_UNSUPPORTED with a message saying so.
#include "abi/shim.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

namespace {

[[noreturn]] void planned(const char *feature) {
  fail(Status::unsupported, std::string(feature) + " is not in this build of Reclaim yet");
}

}  // namespace

extern "C" {

int reclaim_policy_set(reclaim_engine *e, const char *shop, const char *policy_json,
                       char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(shop, "shop");
    abi::require(policy_json, "policy_json");
    planned("shop policies");
  });
}

int reclaim_policy_get(reclaim_engine *e, const char *shop, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(shop, "shop");
    planned("shop policies");
  });
}

int reclaim_eligibility_check(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(request_json, "request_json");
    planned("eligibility checks");
  });
}

int reclaim_tick(reclaim_engine *e, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    planned("deadline watching (tick)");
  });
}

int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(query_json, "query_json");
    planned("reports");
  });
}

int reclaim_host_payload(reclaim_engine *e, const char *case_ref, const char *adapter,
                         char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(case_ref, "case_ref");
    abi::require(adapter, "adapter");
    planned("host payloads");
  });
}

}  // extern "C"
