#include "engine/config.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
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

namespace {

constexpr std::size_t kMaxSecretFileBytes = 64 * 1024;

std::string trimmed(std::string text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  return text.substr(start);
}

// The secret's text in a file (its first 64 KiB; surrounding blanks and the final newline are
// not part of it). The file's content is never echoed in an error.
std::string secret_file_text(const std::string &file, const std::string &field) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fail(Status::invalid_argument,
         "cannot read the secret file '" + file + "': " + std::strerror(errno), field);
  }
  std::string text;
  text.resize(kMaxSecretFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxSecretFileBytes) {
    fail(Status::invalid_argument, "the secret file '" + file + "' is larger than 64 KiB", field);
  }
  return trimmed(std::move(text));
}

std::string secret_env_text(const std::string &variable, const std::string &field) {
  const char *value = std::getenv(variable.c_str());
  if (!value || !*value) {
    fail(Status::invalid_argument, "the environment variable '" + variable + "' is not set", field);
  }
  return trimmed(value);
}

// A secret given as is (`value_key`), in a file (`file_key`) or in an environment variable
// (`env_key`): at most one of the three. Raw bytes; nullopt when none is given.
std::optional<std::string> read_secret(Fields &fields, std::string_view value_key,
                                       std::string_view file_key, std::string_view env_key) {
  int given = 0;
  std::optional<std::string> secret;
  if (auto text = fields.text(value_key, 1024)) {
    ++given;
    secret = decode_secret(*text, fields.path(value_key));
  }
  if (auto file = fields.text(file_key, 4096)) {
    if (++given > 1) {
      fail(Status::invalid_argument, "give the secret one way only", fields.path(file_key));
    }
    secret = decode_secret(secret_file_text(*file, fields.path(file_key)), fields.path(file_key));
  }
  if (auto env = fields.text(env_key, 256)) {
    if (++given > 1) {
      fail(Status::invalid_argument, "give the secret one way only", fields.path(env_key));
    }
    secret = decode_secret(secret_env_text(*env, fields.path(env_key)), fields.path(env_key));
  }
  return secret;
}

std::string key_id(Fields &fields, std::string_view key, std::string fallback) {
  auto id = fields.text(key, 64).value_or(std::move(fallback));
  if (!valid_key_id(id)) {
    fail(Status::invalid_argument, "a key id is 1 to 16 letters, digits, '_' or '-'",
         fields.path(key));
  }
  return id;
}

}  // namespace

EngineConfig config_from_json(const json::value &document) {
  Fields fields(document, "");
  EngineConfig config;
  config.storage.database = fields.required_text("database", 4096);
  config.secret = read_secret(fields, "secret", "secret_file", "secret_env").value_or("");
  config.secret_id = key_id(fields, "secret_id", config.secret_id);
  if (const auto *previous = fields.array("previous_secrets", 16)) {
    std::set<std::string> ids{config.secret_id};
    each_object(*previous, "previous_secrets", [&](Fields &entry, std::size_t) {
      SigningKey key;
      key.id = key_id(entry, "id", "");
      if (!ids.insert(key.id).second) {
        fail(Status::invalid_argument, "key id '" + key.id + "' appears twice", entry.path("id"));
      }
      auto secret = read_secret(entry, "secret", "file", "env");
      if (!secret) {
        fail(Status::invalid_argument, "required: \"secret\", \"file\" or \"env\"",
             entry.path("secret"));
      }
      key.secret = std::move(*secret);
      config.previous_secrets.push_back(std::move(key));
    });
  }
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
