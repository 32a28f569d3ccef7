// reclaim_open's configuration document: parsed as reclaim_open parses it (codec's strict
// reader, then config_from_json); a document that passes then opens an engine, with its
// database replaced by a fresh in-memory one, no log file and no background scheduler, so that
// no input reaches the disk, the network or a thread. Shops, time zones, jurisdictions,
// targets, secrets and the generic adapter's order mapping are all taken as given.
#include "codec/reader.hpp"
#include "core/error.hpp"
#include "fuzz_engine.hpp"

using namespace reclaim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  try {
    EngineConfig config =
        config_from_json(codec::parse_document(fuzz::as_text(data, size), codec::kMaxRequestBytes));
    config.storage.database = "sqlite::memory:";
    config.storage.pool = 1;
    config.log_file.clear();
    config.tick_interval_ms = 0;
    Engine engine(config);
    engine.info();
    // The generic adapter reads the shop's order mapping: give it an order to map.
    for (const auto &shop : config.shops) {
      try {
        engine.import_host_order(shop.id, "generic", fuzz::kOrder);
      } catch (const Error &) {
      }
    }
  } catch (const Error &) {
    // Refused, with the field at fault: fine.
  }
  return 0;
}
