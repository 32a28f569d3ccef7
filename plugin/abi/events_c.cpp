// The events outbox.
#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_events_read(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(query_json, codec::kMaxRequestBytes, "query_json", "{}");
    return engine.read_events(codec::event_query_from_json(document));
  });
}

}  // extern "C"
