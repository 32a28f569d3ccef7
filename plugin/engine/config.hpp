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

struct ShopConfig {
  std::string id = "default";
  std::string name = "Shop";
  std::string jurisdiction = "none";
  std::string timezone = "UTC";
  std::string currency = "EUR";
  std::string locale = "en";
  std::string case_prefix = "RC";
  std::string public_url;
  boost::json::object order_mapping;  // the generic adapter's field mapping (adapters/generic.cpp)
  Targets targets;                    // the owner's KPI targets, checked by reports
  AttachmentQuota attachments;        // what one case's files may add up to
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
};

// reclaim_open's configuration document, checked strictly: Error(invalid_argument) names the
// field at fault (an unknown member too).
EngineConfig config_from_json(const boost::json::value &document);

}  // namespace reclaim
