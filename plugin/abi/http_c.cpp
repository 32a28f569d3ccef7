// The embedded HTTP endpoint: start, stop, and one request in-process.
#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "http/endpoint.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

namespace {

constexpr std::size_t kMaxHandleBytes = 32u << 20;  // a 10 MB upload, base64-encoded, and more

http::Endpoint &endpoint_of(reclaim_engine *e) {
  abi::engine_of(e);
  return *e->http;
}

}  // namespace

extern "C" {

int reclaim_http_start(reclaim_engine *e, const char *options_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    http::Endpoint &endpoint = endpoint_of(e);
    const auto options = http::options_from_json(
        abi::parse(options_json, codec::kMaxRequestBytes, "options_json", "{}"));
    return endpoint.start(options);
  });
}

int reclaim_http_stop(reclaim_engine *e) {
  return abi::run(nullptr, [&]() -> boost::json::value {
    if (!endpoint_of(e).stop()) fail(Status::not_found, "the HTTP endpoint is not running");
    return boost::json::object{};
  });
}

int reclaim_http_handle(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    http::Endpoint &endpoint = endpoint_of(e);
    const auto request =
        http::request_from_json(abi::parse(request_json, kMaxHandleBytes, "request_json"));
    return http::response_to_json(endpoint.handle(request));
  });
}

}  // extern "C"
