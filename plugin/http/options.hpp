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
  int threads = 2;  // I/O threads: they parse, route and write
  // Threads for the handlers' database work, and how long a request may wait for one when all
  // are busy (then 503 with Retry-After): slow requests never stall the I/O threads.
  int workers = 4;
  int queue_timeout_ms = 2000;
  std::string base_path;  // "" or "/returns": no trailing slash
  std::string shop = "default";
  int max_connections = 1024;
  // Connections one client address may hold at once, so that a flood from one address leaves
  // slots for everyone else. Trusted proxies are exempt (their clients are many).
  int max_connections_per_address = 32;
  int header_timeout_s = 10;
  int idle_timeout_s = 60;
  std::size_t form_limit = 64 * 1024;
  std::size_t upload_limit = kMaxAttachmentBytes + 64 * 1024;  // one file and its form
  // Bytes of upload bodies all connections together may be reading or holding at once; an upload
  // that would exceed it gets 503 before its body is read. Bounds memory whatever the
  // connection count (each upload is held a few times over while parsed and stored).
  std::size_t uploads_in_flight_bytes = 128 * 1024 * 1024;
  int lookups_per_minute = 10;                              // per client address
  int submits_per_minute = 5;
  int downloads_per_minute = 60;  // attachments, per client address (a 304 counts too)
  // Addresses or CIDR ranges ("10.0.0.0/8", "::1") whose X-Forwarded-For is believed.
  std::vector<std::string> trusted_proxies;
  // GET /metrics answers only with "Authorization: Bearer <metrics_token>"; empty: it is off (404).
  std::string metrics_token;
  // Origins ("https://admin.shop.example") whose pages may show the staff desk in an iframe
  // (CSP frame-ancestors on /staff/ only); empty: no page may frame it.
  std::vector<std::string> staff_frame_ancestors;
};

// Reads the options strictly; Error(invalid_argument) names the field at fault.
Options options_from_json(const boost::json::value &document);

}  // namespace reclaim::http
