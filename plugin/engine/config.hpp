// The engine's configuration, as reclaim_open receives it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/attachment.hpp"
#include "core/report.hpp"
#include "core/status_link.hpp"
#include "storage/config.hpp"

namespace reclaim {

// Who the shop's mails come from and which staff addresses hear of new cases and deadlines.
struct NotifyConfig {
  std::string from;      // empty: the engine's mail.from
  std::string reply_to;  // empty: none (replies go to `from`)
  std::vector<std::string> staff;
  std::string staff_locale;  // empty: the shop's locale
};

struct ShopConfig {
  std::string id = "default";
  std::string name = "Shop";
  std::string jurisdiction = "none";
  std::string timezone = "UTC";
  std::string currency = "EUR";
  std::string locale = "en";
  std::string case_prefix = "RC";
  std::string public_url;
  // The seller's details on documents (lines: legal name, postal address, registration numbers)
  // and where returned goods go; empty: not known (documents/compose.hpp).
  std::string address;
  std::string return_address;
  boost::json::object order_mapping;  // the generic adapter's field mapping (adapters/generic.cpp)
  Targets targets;                    // the owner's KPI targets, checked by reports
  AttachmentQuota attachments;        // what one case's files may add up to
  NotifyConfig notify;
};

// The SMTP server the engine's own sender uses ("mail").
struct MailConfig {
  std::string smtp;  // smtp://host:port or smtps://host:port; empty: no mail server
  std::string username;
  std::string password;  // never logged
  std::string starttls = "auto";  // auto, required, off; auto with a username means required
  std::string ca_file;            // PEM certificates to trust instead of the system's
  std::string from;               // "Shop <desk@shop.example>"
  int timeout_s = 30;
};

// The engine's own sender ("delivery"): off unless enabled, then mails and webhooks go out from
// a thread of each engine, at least once, with retries and a dead letter.
struct DeliveryConfig {
  bool enabled = false;
  int max_attempts = 8;
  int first_retry_s = 60;  // then ×4 per attempt, at most 6 h, ±20 %
  int poll_ms = 1000;
  int batch = 20;
  int webhook_timeout_s = 10;
  // Webhook targets on loopback, private, link-local or other internal addresses are refused
  // (SSRF) unless this says otherwise (tests, a host's own private network).
  bool allow_private_targets = false;
};

struct WebhookConfig {
  std::string id;
  std::string url;
  std::string secret;  // raw bytes, from "whsec_" + base64
  std::vector<std::string> events{"*"};
  std::vector<std::string> shops;  // empty: every shop
};

struct EngineConfig {
  StorageConfig storage;
  // The current signing secret (raw bytes), from "secret", "secret_file" or "secret_env";
  // empty: the one generated once and kept in the database.
  std::string secret;
  std::string secret_id{kLegacyKeyId};  // the key id new status links name
  // Earlier secrets that still verify status links (a rotation's grace period).
  std::vector<SigningKey> previous_secrets;
  bool manual_clock = false;
  std::string log_level = "info";
  std::string log_file;  // empty: no log
  std::vector<ShopConfig> shops;
  int tick_interval_ms = 0;  // the background deadline watch; 0: off (the host calls tick)
  MailConfig mail;
  DeliveryConfig delivery;
  std::vector<WebhookConfig> webhooks;
  // The Argon2id cost of staff account passwords (password.hpp). Not in the configuration
  // document: libsodium's interactive cost always, except in the suite's own engines, which
  // take the least so that their many sign-ins stay fast.
  bool cheap_password_hashing = false;
};

// reclaim_open's configuration document, checked strictly: Error(invalid_argument) names the
// field at fault (an unknown member too).
EngineConfig config_from_json(const boost::json::value &document);

}  // namespace reclaim
