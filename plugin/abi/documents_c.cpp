// The documents of a case as PDF (CONTRACT §7), returned as base64 inside the JSON result.
#include "abi/shim.hpp"
#include "codec/document_json.hpp"
#include "codec/reader.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_document(reclaim_engine *e, const char *case_ref, const char *request_json,
                     char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const std::string ref = abi::identifier(case_ref, "case_ref");
    const auto document = abi::parse(request_json, codec::kMaxRequestBytes, "request_json");
    return boost::json::value(
        codec::to_json(engine.document(codec::document_request_from_json(document, ref))));
  });
}

}  // extern "C"
