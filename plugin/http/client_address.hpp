// Who the client is, for rate limits: the socket's peer, or, when the peer is a trusted proxy,
// the right-most X-Forwarded-For address that is not one. Proxies are given as addresses or CIDR
// ranges; IPv4-mapped IPv6 forms count as IPv4. IPv6 clients are budgeted per /64, since one
// subscriber holds a whole /64.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace reclaim::http {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first four
  bool v4 = false;

  // Parses an IPv4 or IPv6 literal; "::ffff:a.b.c.d" becomes IPv4. nullopt otherwise.
  static std::optional<IpAddress> parse(std::string_view text);
};

struct IpNetwork {
  IpAddress base;
  int prefix = 0;

  // "192.0.2.0/24", "2001:db8::/32", or one address (a full-length prefix). nullopt when not.
  static std::optional<IpNetwork> parse(std::string_view text);
  bool contains(const IpAddress &address) const;
};

// The key a client's budget is kept under: the IPv4 address, or the IPv6 /64 ("2001:db8:0:1::/64").
std::string budget_key(const IpAddress &address);

// The client's budget key. An empty peer (a host's in-process request that did not say who
// asked) is never trusted: every such request shares the one budget "unknown-peer".
std::string client_key(const Request &request, const std::vector<IpNetwork> &trusted_proxies);

}  // namespace reclaim::http
