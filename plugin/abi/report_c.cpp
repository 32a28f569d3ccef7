// Reports.
#include "abi/shim.hpp"
#include "codec/json_text.hpp"
#include "codec/reader.hpp"
#include "codec/report_json.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(query_json, codec::kMaxRequestBytes, "query_json", "{}");
    const auto answer = engine.report(codec::report_query_from_json(document));
    return abi::Text{codec::to_text(codec::to_json(answer))};
  });
}

}  // extern "C"
