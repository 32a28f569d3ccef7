// Engine lifetime and clock.
#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_open(const char *config_json, reclaim_engine **out_engine, char **out_json) {
  if (out_engine) *out_engine = nullptr;
  return abi::run(out_json, [&] {
    abi::require(out_engine, "out_engine");
    const auto config = config_from_json(
        abi::parse(config_json, codec::kMaxRequestBytes, "config_json"));
    auto handle = std::make_unique<reclaim_engine>();
    handle->engine = std::make_unique<Engine>(config);
    handle->http = std::make_unique<http::Endpoint>(*handle->engine);
    boost::json::object info = codec::to_json(handle->engine->info());
    info["version"] = reclaim_version();
    info["abi"] = reclaim_abi_version();
    *out_engine = handle.release();
    return info;
  });
}

void reclaim_close(reclaim_engine *engine) {
  if (!engine) return;
  engine->http.reset();  // stops the server and joins its threads before the engine goes
  delete engine;
}

int reclaim_clock_set(reclaim_engine *e, int64_t unix_ms) {
  return abi::run(nullptr, [&] {
    Engine &engine = abi::engine_of(e);
    if (unix_ms < 0 || unix_ms > kMaxTime) {
      fail(Status::invalid_argument, "the time must lie between 1970 and 9999", "unix_ms");
    }
    engine.set_clock(unix_ms);
    return boost::json::object{};
  });
}

}  // extern "C"
