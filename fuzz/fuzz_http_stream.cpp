// The raw HTTP byte stream of one connection through Beast's request parser, with the server's
// limits, and the router the server uses (http/wire.hpp). Every response must be one the server
// can write: a real status, and header names and values without CR, LF or NUL (a value carrying
// a line break would split the response).
#include <memory>

#include "fuzz_engine.hpp"
#include "http/app.hpp"
#include "http/wire.hpp"

using namespace reclaim;

namespace {

http::App &app() {
  static std::unique_ptr<Engine> engine;
  static std::unique_ptr<http::App> current;
  static int uses = 0;
  if (!current || ++uses >= fuzz::kFuzzRenew) {
    current.reset();  // before the engine it refers to
    engine = fuzz::make_engine();
    http::Options options;
    // The clock stands still: limits per minute would soon refuse every lookup.
    options.lookups_per_minute = 1 << 30;
    options.submits_per_minute = 1 << 30;
    current = std::make_unique<http::App>(*engine, options);
    uses = 0;
  }
  return *current;
}

bool clean(std::string_view text) { return text.find_first_of("\r\n\0", 0, 3) == text.npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const auto responses = http::serve_bytes(app(), fuzz::as_text(data, size), "203.0.113.7");
  for (const auto &response : responses) {
    if (response.status < 100 || response.status > 599) fuzz::broken("status out of range");
    for (const auto &[name, value] : response.headers) {
      if (name.empty() || !clean(name) || !clean(value)) fuzz::broken("header splits the response");
    }
  }
  return 0;
}
