#include "engine/config.hpp"

#include <set>

#include "adapters/registry.hpp"
#include "codec/reader.hpp"
#include "codec/report_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/law.hpp"

namespace reclaim {

namespace json = boost::json;
using codec::each_object;
using codec::Fields;
using codec::targets_from_json;

EngineConfig config_from_json(const json::value &document) {
  Fields fields(document, "");
  EngineConfig config;
  config.storage.database = fields.required_text("database", 4096);
  if (auto secret = fields.text("secret", 1024)) config.secret = decode_secret(*secret, "secret");
  const auto clock = fields.text("clock", 16).value_or("system");
  if (clock != "system" && clock != "manual") {
    fail(Status::invalid_argument, "expected \"system\" or \"manual\"", "clock");
  }
  config.manual_clock = clock == "manual";
  if (fields.has("log")) {
    Fields log(*fields.raw("log"), "log");
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info",
                                                   "warn",  "error", "off"};
    config.log_level = log.word("level", kLevels).value_or("info");
    config.log_file = log.text("file", 4096).value_or("");
    log.finish();
  }
  if (fields.has("storage")) {
    Fields storage(*fields.raw("storage"), "storage");
    static constexpr std::string_view kSync[] = {"normal", "full"};
    config.storage.synchronous_full = storage.word("synchronous", kSync).value_or("normal") == "full";
    config.storage.busy_timeout_ms =
        static_cast<int>(storage.integer("busy_timeout_ms", 0, 600'000).value_or(5000));
    config.storage.pool = static_cast<int>(storage.integer("pool", 1, 64).value_or(4));
    storage.finish();
  }
  if (fields.has("scheduler")) {
    Fields scheduler(*fields.raw("scheduler"), "scheduler");
    // Off unless asked for: hosts with a cron or a worker call reclaim_tick themselves.
    const bool enabled = scheduler.boolean("enabled").value_or(false);
    const auto seconds = scheduler.integer("tick_seconds", 1, 86'400).value_or(60);
    if (enabled) config.tick_interval_ms = static_cast<int>(seconds * 1000);
    scheduler.finish();
  }
  if (const auto *shops = fields.array("shops", 1000)) {
    std::set<std::string> ids;
    each_object(*shops, "shops", [&](Fields &shop, std::size_t) {
      ShopConfig s;
      s.id = shop.required_id("id");
      if (!ids.insert(s.id).second) {
        fail(Status::invalid_argument, "shop '" + s.id + "' appears twice", shop.path("id"));
      }
      s.name = shop.text("name").value_or(s.id);
      s.jurisdiction = shop.word("jurisdiction", kJurisdictionNames).value_or("none");
      s.timezone = shop.text("timezone", 64).value_or("UTC");
      s.currency = shop.currency("currency").value_or("EUR");
      s.locale = shop.word("locale", kLocales).value_or("en");
      s.case_prefix = shop.text("case_prefix", 12).value_or("RC");
      for (char c : s.case_prefix) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
          fail(Status::invalid_argument, "upper-case letters and digits only",
               shop.path("case_prefix"));
        }
      }
      if (s.case_prefix.empty()) {
        fail(Status::invalid_argument, "must not be empty", shop.path("case_prefix"));
      }
      s.public_url = shop.text("public_url", 2048).value_or("");
      if (const auto *mapping = shop.object("order_mapping")) {
        adapters::check_order_mapping(*mapping, shop.path("order_mapping"));
        s.order_mapping = *mapping;
      }
      if (const auto *targets = shop.raw("targets")) {
        s.targets = targets_from_json(*targets, shop.path("targets"));
      }
      if (shop.has("attachments")) {
        Fields quota(*shop.raw("attachments"), shop.path("attachments"));
        s.attachments.max_files =
            quota.integer("max_files", 0, 1000).value_or(s.attachments.max_files);
        s.attachments.max_bytes =
            quota.integer("max_bytes", 0, std::int64_t{1} << 40).value_or(s.attachments.max_bytes);
        quota.finish();
      }
      config.shops.push_back(std::move(s));
    });
  }
  if (config.shops.empty()) config.shops.emplace_back();
  fields.finish();
  return config;
}

}  // namespace reclaim
