// Personal data (CONTRACT §6): a person's export and their erasure.
#include "abi/shim.hpp"
#include "codec/privacy_json.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

namespace {

constexpr std::size_t kMaxSubjectBytes = 64u << 10;

}  // namespace

extern "C" {

int reclaim_subject_export(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxSubjectBytes, "request_json");
    return codec::to_json(engine.subject_export(codec::subject_request_from_json(document, false)));
  });
}

int reclaim_subject_erase(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxSubjectBytes, "request_json");
    return codec::to_json(engine.subject_erase(codec::subject_request_from_json(document, true)));
  });
}

}  // extern "C"
