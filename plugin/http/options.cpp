#include "http/options.hpp"

#include "codec/reader.hpp"
#include "http/client_address.hpp"
#include "core/error.hpp"

namespace reclaim::http {

namespace {

// "https://host" or "http://host:port": lower-case host letters, digits, dots and hyphens; no
// path, query, wildcard or space, so that it cannot add a directive to the policy.
bool is_origin(std::string_view text) {
  std::string_view rest;
  if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.size() > 253 + 6) return false;
  const auto colon = rest.find(':');
  const std::string_view host = rest.substr(0, colon);
  if (host.empty() || host.front() == '.' || host.front() == '-') return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) return false;
  }
  if (colon == std::string_view::npos) return true;
  const std::string_view port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  int number = 0;
  for (const char c : port) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
  }
  return number >= 1 && number <= 65535;
}

}  // namespace

Options options_from_json(const boost::json::value &document) {
  codec::Fields fields(document, "");
  Options o;
  if (auto listen = fields.text("listen", 300)) {
    const auto colon = listen->rfind(':');
    if (colon == std::string::npos || colon == 0) {
      fail(Status::invalid_argument, "expected HOST:PORT, e.g. 127.0.0.1:8080", "listen");
    }
    o.host = listen->substr(0, colon);
    if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']') {
      o.host = o.host.substr(1, o.host.size() - 2);
    }
    const std::string port = listen->substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
      fail(Status::invalid_argument, "the port must be a number from 0 to 65535", "listen");
    }
    o.port = static_cast<unsigned short>(std::stoi(port));
  }
  o.threads = static_cast<int>(fields.integer("threads", 1, 64).value_or(o.threads));
  o.workers = static_cast<int>(fields.integer("workers", 1, 256).value_or(o.workers));
  o.queue_timeout_ms =
      static_cast<int>(fields.integer("queue_timeout_ms", 0, 60000).value_or(o.queue_timeout_ms));
  if (auto base = fields.text("base_path", 200)) {
    std::string path = *base;
    while (!path.empty() && path.back() == '/') path.pop_back();
    if (!path.empty() && path.front() != '/') {
      fail(Status::invalid_argument, "the base path starts with '/'", "base_path");
    }
    if (path.find_first_of("?#\"'<> ") != std::string::npos) {
      fail(Status::invalid_argument, "the base path holds a character URLs cannot", "base_path");
    }
    o.base_path = path;
  }
  o.shop = fields.id("shop").value_or(o.shop);
  o.max_connections =
      static_cast<int>(fields.integer("max_connections", 1, 100000).value_or(o.max_connections));
  o.max_connections_per_address = static_cast<int>(
      fields.integer("max_connections_per_address", 1, 100000).value_or(o.max_connections_per_address));
  if (auto megabytes = fields.integer("uploads_in_flight_mb", 11, 1'000'000)) {
    o.uploads_in_flight_bytes = static_cast<std::size_t>(*megabytes) * 1024 * 1024;
  }
  o.header_timeout_s =
      static_cast<int>(fields.integer("header_timeout_s", 1, 3600).value_or(o.header_timeout_s));
  o.idle_timeout_s =
      static_cast<int>(fields.integer("idle_timeout_s", 1, 3600).value_or(o.idle_timeout_s));
  o.lookups_per_minute = static_cast<int>(
      fields.integer("lookups_per_minute", 1, 1000000).value_or(o.lookups_per_minute));
  o.submits_per_minute = static_cast<int>(
      fields.integer("submits_per_minute", 1, 1000000).value_or(o.submits_per_minute));
  o.downloads_per_minute = static_cast<int>(
      fields.integer("downloads_per_minute", 1, 1000000).value_or(o.downloads_per_minute));
  if (const auto *proxies = fields.array("trusted_proxies", 100)) {
    for (std::size_t i = 0; i < proxies->size(); ++i) {
      const auto *text = (*proxies)[i].if_string();
      if (!text || text->empty() || text->size() > 64 || !IpNetwork::parse(*text)) {
        fail(Status::invalid_argument, "expected an IP address or a CIDR range such as 10.0.0.0/8",
             codec::field_path("trusted_proxies", i));
      }
      o.trusted_proxies.emplace_back(*text);
    }
  }
  if (auto token = fields.text("metrics_token", 200)) {
    if (token->size() < 16 || token->find_first_of(" \t,") != std::string::npos) {
      fail(Status::invalid_argument, "at least 16 characters, no spaces or commas", "metrics_token");
    }
    o.metrics_token = *token;
  }
  if (const auto *origins = fields.array("staff_frame_ancestors", 20)) {
    for (std::size_t i = 0; i < origins->size(); ++i) {
      const auto *text = (*origins)[i].if_string();
      if (!text || !is_origin(*text)) {
        fail(Status::invalid_argument,
             "expected an origin such as https://admin.shop.example (scheme, host, optional port)",
             codec::field_path("staff_frame_ancestors", i));
      }
      o.staff_frame_ancestors.emplace_back(*text);
    }
  }
  fields.finish();
  return o;
}

}  // namespace reclaim::http
