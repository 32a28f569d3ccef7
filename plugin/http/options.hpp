// The endpoint's options, as reclaim_http_start receives them (documented in reclaim.h).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "core/attachment.hpp"

namespace reclaim::http {

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 2;
  std::string base_path;  // "" or "/returns": no trailing slash
  std::string shop = "default";
  int max_connections = 1024;
  int header_timeout_s = 10;
  int idle_timeout_s = 60;
  std::size_t form_limit = 64 * 1024;
  std::size_t upload_limit = kMaxAttachmentBytes + 64 * 1024;  // one file and its form
  int lookups_per_minute = 10;                              // per client address
  int submits_per_minute = 5;
  int downloads_per_minute = 60;             // attachments, per client address (a 304 counts too)
  std::vector<std::string> trusted_proxies;  // addresses whose X-Forwarded-For is believed
};

// Reads the options strictly; Error(invalid_argument) names the field at fault.
Options options_from_json(const boost::json::value &document);

}  // namespace reclaim::http
