// Cases: open, read, list, act.
#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_case_open(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, codec::kMaxRequestBytes, "request_json");
    const OpenRequest request = codec::open_request_from_json(document);
    return engine.open_case(request, abi::request_hash(document, request.idempotency_key));
  });
}

int reclaim_case_get(reclaim_engine *e, const char *case_ref, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    return engine.get_case(abi::identifier(case_ref, "case_ref"));
  });
}

int reclaim_attachment_get(reclaim_engine *e, const char *case_ref, const char *attachment_id,
                           char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const std::string ref = abi::identifier(case_ref, "case_ref");
    const std::string id = abi::identifier(attachment_id, "attachment_id");
    auto file = engine.attachment(engine.get_case(ref).subject.id, id);
    if (!file) throw Error(Status::not_found, "no file '" + id + "' in case " + ref, "attachment_id");
    return *file;
  });
}

int reclaim_case_list(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(query_json, codec::kMaxRequestBytes, "query_json", "{}");
    return engine.list_cases(codec::case_query_from_json(document));
  });
}

int reclaim_case_act(reclaim_engine *e, const char *case_ref, const char *action_json,
                     char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const std::string ref = abi::identifier(case_ref, "case_ref");
    const auto document = abi::parse(action_json, codec::kMaxRequestBytes, "action_json");
    const ActionRequest request = codec::action_request_from_json(document);
    return engine.act(ref, request, abi::request_hash(document, request.idempotency_key));
  });
}

}  // extern "C"
