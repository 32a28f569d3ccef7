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

int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    abi::engine_of(e);
    abi::require(query_json, "query_json");
    planned("reports");
  });
}

}  // extern "C"
