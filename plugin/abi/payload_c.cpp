// Host payloads: the accepted resolution of a case as the host's own refund request(s).
#include "abi/shim.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_host_payload(reclaim_engine *e, const char *case_ref, const char *adapter,
                         char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    return engine.host_payload(abi::identifier(case_ref, "case_ref"),
                               abi::identifier(adapter, "adapter"));
  });
}

}  // extern "C"
