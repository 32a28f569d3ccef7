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

// A password given as is, in a file or in an environment variable (at most one); "" for none.
std::string read_secret_text(Fields &fields, std::string_view value_key, std::string_view file_key,
                             std::string_view env_key) {
  std::vector<std::string> given;
  if (auto text = fields.text(value_key, 1024)) given.push_back(std::move(*text));
  if (auto file = fields.text(file_key, 4096)) {
    given.push_back(secret_file_text(*file, fields.path(file_key)));
  }
  if (auto env = fields.text(env_key, 256)) given.push_back(secret_env_text(*env, fields.path(env_key)));
  if (given.size() > 1) {
    fail(Status::invalid_argument, "give the password one way only", fields.path(value_key));
  }
  return given.empty() ? std::string() : given.front();
}

std::string key_id(Fields &fields, std::string_view key, std::string fallback) {
  auto id = fields.text(key, 64).value_or(std::move(fallback));
  if (!valid_key_id(id)) {
    fail(Status::invalid_argument, "a key id is 1 to 16 letters, digits, '_' or '-'",
         fields.path(key));
  }
  return id;
}

// A list of short texts (`max_items` at most), each checked by `check`.
template <typename Check>
std::vector<std::string> text_list(Fields &fields, std::string_view key, std::size_t max_items,
                                   Check check) {
  std::vector<std::string> out;
  const auto *items = fields.array(key, max_items);
  if (!items) return out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string at = fields.path(key) + "[" + std::to_string(i) + "]";
    const auto *text = (*items)[i].if_string();
    if (!text || text->empty() || text->size() > 320) {
      fail(Status::invalid_argument, "expected a text of 1 to 320 bytes", at);
    }
    out.emplace_back(*text);
    check(out.back(), at);
  }
  return out;
}

void check_address(const std::string &text, const std::string &field) {
  // A header value: one line, and the address itself in it.
  const bool one_line = text.find_first_of("\r\n") == std::string::npos;
  if (!one_line || text.find('@') == std::string::npos) {
    fail(Status::invalid_argument, "expected an e-mail address on one line", field);
  }
}

MailConfig mail_from_json(const json::value &value) {
  Fields mail(value, "mail");
  MailConfig config;
  config.smtp = mail.text("smtp", 2048).value_or("");
  if (!config.smtp.empty() && !config.smtp.starts_with("smtp://") &&
      !config.smtp.starts_with("smtps://")) {
    fail(Status::invalid_argument, "expected smtp://host:port or smtps://host:port", "mail.smtp");
  }
  config.username = mail.text("username", 256).value_or("");
  config.password = read_secret_text(mail, "password", "password_file", "password_env");
  static constexpr std::string_view kStarttls[] = {"auto", "required", "off"};
  config.starttls = mail.word("starttls", kStarttls).value_or("auto");
  config.ca_file = mail.text("ca_file", 4096).value_or("");
  config.from = mail.text("from", 320).value_or("");
  if (!config.from.empty()) check_address(config.from, "mail.from");
  config.timeout_s = static_cast<int>(mail.integer("timeout_s", 1, 600).value_or(30));
  mail.finish();
  return config;
}

DeliveryConfig delivery_from_json(const json::value &value) {
  Fields delivery(value, "delivery");
  DeliveryConfig config;
  config.enabled = delivery.boolean("enabled").value_or(false);
  config.max_attempts = static_cast<int>(delivery.integer("max_attempts", 1, 50).value_or(8));
  config.first_retry_s =
      static_cast<int>(delivery.integer("first_retry_s", 1, 86'400).value_or(60));
  config.poll_ms = static_cast<int>(delivery.integer("poll_ms", 50, 60'000).value_or(1000));
  config.batch = static_cast<int>(delivery.integer("batch", 1, 500).value_or(20));
  config.webhook_timeout_s =
      static_cast<int>(delivery.integer("webhook_timeout_s", 1, 120).value_or(10));
  config.allow_private_targets = delivery.boolean("allow_private_targets").value_or(false);
  delivery.finish();
  return config;
}

WebhookConfig webhook_from_json(Fields &hook) {
  WebhookConfig config;
  config.id = hook.required_id("id");
  config.url = hook.required_text("url", 2048);
  if (!config.url.starts_with("http://") && !config.url.starts_with("https://")) {
    fail(Status::invalid_argument, "expected an http:// or https:// URL", hook.path("url"));
  }
  const std::string secret = hook.required_text("secret", 512);
  std::optional<std::string> key;
  if (secret.starts_with("whsec_")) key = base64_decode(std::string_view(secret).substr(6));
  if (!key || key->size() < 24 || key->size() > 64) {
    fail(Status::invalid_argument,
         "expected \"whsec_\" and the base64 of 24 to 64 random bytes (Standard Webhooks)",
         hook.path("secret"));
  }
  config.secret = std::move(*key);
  config.events = text_list(hook, "events", 64, [](const std::string &, const std::string &) {});
  if (config.events.empty()) config.events = {"*"};
  config.shops = text_list(hook, "shops", 1000, [](const std::string &, const std::string &) {});
  hook.finish();
  return config;
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
      s.address = shop.text("address", 1000).value_or("");
      s.return_address = shop.text("return_address", 1000).value_or("");
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
      if (shop.has("notify")) {
        Fields notify(*shop.raw("notify"), shop.path("notify"));
        s.notify.from = notify.text("from", 320).value_or("");
        if (!s.notify.from.empty()) check_address(s.notify.from, notify.path("from"));
        s.notify.reply_to = notify.text("reply_to", 320).value_or("");
        if (!s.notify.reply_to.empty()) check_address(s.notify.reply_to, notify.path("reply_to"));
        s.notify.staff = text_list(notify, "staff", 50, check_address);
        s.notify.staff_locale = notify.word("staff_locale", kLocales).value_or("");
        notify.finish();
      }
      config.shops.push_back(std::move(s));
    });
  }
  if (config.shops.empty()) config.shops.emplace_back();
  if (const auto *mail = fields.raw("mail")) config.mail = mail_from_json(*mail);
  if (const auto *delivery = fields.raw("delivery")) config.delivery = delivery_from_json(*delivery);
  if (const auto *hooks = fields.array("webhooks", 50)) {
    std::set<std::string> ids;
    each_object(*hooks, "webhooks", [&](Fields &hook, std::size_t) {
      auto webhook = webhook_from_json(hook);
      if (!ids.insert(webhook.id).second) {
        fail(Status::invalid_argument, "webhook '" + webhook.id + "' appears twice",
             hook.path("id"));
      }
      for (const auto &shop : webhook.shops) {
        bool known = false;
        for (const auto &s : config.shops) known = known || s.id == shop;
        if (!known) fail(Status::invalid_argument, "no shop '" + shop + "'", hook.path("shops"));
      }
      config.webhooks.push_back(std::move(webhook));
    });
  }
  fields.finish();
  return config;
}

}  // namespace reclaim
