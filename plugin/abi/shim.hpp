// What every extern "C" entry point shares: the engine handle, argument checks, and one place
// that turns results and exceptions into a status code plus a JSON document.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "codec/views_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "http/endpoint.hpp"

struct reclaim_engine {
  std::unique_ptr<reclaim::Engine> engine;
  // Declared after the engine, so it is destroyed (and its server stopped) first.
  std::unique_ptr<reclaim::http::Endpoint> http;
};

namespace reclaim::abi {

// Hands `document` to the caller as a malloc'd string (freed by reclaim_free).
void give(char **out_json, const boost::json::value &document);
// A result already serialised (reports write their decimal numbers plainly).
struct Text {
  std::string json;
};
void give(char **out_json, const Text &text);
// A case (codec::to_text): reclaim_case_open, _get and _act answer one each.
void give(char **out_json, const CaseRecord &record);
// Any answer of the engine's, as its document (codec/views_json.hpp).
template <typename Answer>
void give(char **out_json, const Answer &answer) {
  give(out_json, boost::json::value(codec::to_json(answer)));
}
int give_error(char **out_json, Status status, const std::string &message,
               const std::string &field = {}, const std::string &rule = {});

// Throws Error(invalid_argument) naming `what` when a required pointer is NULL.
void require(const void *pointer, const char *what);
Engine &engine_of(reclaim_engine *handle);
// Parses text from the host: NULL means `fallback` when given, else an error.
boost::json::value parse(const char *text, std::size_t max_bytes, const char *what,
                         const char *fallback = nullptr);
// A short identifier argument (shop, order id, case ref): NULL → `fallback` or an error.
std::string identifier(const char *text, const char *what, const char *fallback = nullptr);
// SHA-256 of the request as parsed (the same body gives the same hash), for the engine to compare
// when its idempotency key comes again; empty when the request has no key: nothing compares it.
std::string request_hash(const boost::json::value &request, std::string_view idempotency_key);

// Runs `body`, which returns the result document, and never lets an exception out.
template <typename Body>
int run(char **out_json, Body &&body) noexcept {
  try {
    if (out_json) *out_json = nullptr;
    give(out_json, body());
    return 0;
  } catch (const Error &error) {
    return give_error(out_json, error.status(), error.what(), error.field(), error.rule());
  } catch (const std::bad_alloc &) {
    return give_error(out_json, Status::internal, "out of memory");
  } catch (const std::exception &error) {
    return give_error(out_json, Status::internal, error.what());
  } catch (...) {
    return give_error(out_json, Status::internal, "unknown failure");
  }
}

}  // namespace reclaim::abi
