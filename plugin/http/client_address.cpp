#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <cstdio>
#include <cstring>

#include "core/text.hpp"

namespace reclaim::http {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string literal(text);
  IpAddress address;
  if (inet_pton(AF_INET, literal.c_str(), address.bytes.data()) == 1) {
    address.v4 = true;
    return address;
  }
  if (inet_pton(AF_INET6, literal.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(address.bytes.data(), kMapped, sizeof kMapped) == 0) {
    std::memmove(address.bytes.data(), address.bytes.data() + 12, 4);
    std::memset(address.bytes.data() + 4, 0, 12);
    address.v4 = true;
  }
  return address;
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  const auto slash = text.find('/');
  IpNetwork network;
  const auto base = IpAddress::parse(text.substr(0, slash));
  if (!base) return std::nullopt;
  network.base = *base;
  const int bits = base->v4 ? 32 : 128;
  network.prefix = bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != digits.npos) {
      return std::nullopt;
    }
    network.prefix = std::stoi(std::string(digits));
    // A mapped IPv4 base with an IPv6 prefix length counts from the IPv4 part.
    if (base->v4 && text.substr(0, slash).find(':') != std::string_view::npos) network.prefix -= 96;
    if (network.prefix < 0 || network.prefix > bits) return std::nullopt;
  }
  return network;
}

bool IpNetwork::contains(const IpAddress &address) const {
  if (address.v4 != base.v4) return false;
  int left = prefix;
  for (std::size_t i = 0; left > 0; ++i, left -= 8) {
    const std::uint8_t mask = left >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - left));
    if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::string budget_key(const IpAddress &address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.v4) {
    inet_ntop(AF_INET, address.bytes.data(), text, sizeof text);
    return text;
  }
  std::array<std::uint8_t, 16> network{};
  std::memcpy(network.data(), address.bytes.data(), 8);
  inet_ntop(AF_INET6, network.data(), text, sizeof text);
  return std::string(text) + "/64";
}

namespace {

bool trusted(const IpAddress &address, const std::vector<IpNetwork> &proxies) {
  for (const auto &proxy : proxies) {
    if (proxy.contains(address)) return true;
  }
  return false;
}

// Every X-Forwarded-For line, in order, as one list: a proxy may add its own line.
std::string forwarded_chain(const Request &request) {
  std::string chain;
  for (const auto &[name, value] : request.headers) {
    if (name != "x-forwarded-for") continue;
    if (!chain.empty()) chain += ',';
    chain += value;
  }
  return chain;
}

}  // namespace

std::string client_key(const Request &request, const std::vector<IpNetwork> &trusted_proxies) {
  if (request.peer.empty()) return "unknown-peer";
  const auto peer = IpAddress::parse(request.peer);
  if (!peer) return request.peer;  // not an IP (a Unix socket, say): its own budget
  if (!trusted(*peer, trusted_proxies)) return budget_key(*peer);
  // From the right: each trusted hop vouches for the one before it. The first hop that is not a
  // trusted proxy is the client; a malformed entry ends the chain of trust at the last proxy.
  const std::string chain = forwarded_chain(request);
  std::string_view rest = chain;
  IpAddress last_trusted = *peer;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view item = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (item.empty()) continue;
    const auto hop = IpAddress::parse(item);
    if (!hop) break;
    if (!trusted(*hop, trusted_proxies)) return budget_key(*hop);
    last_trusted = *hop;
  }
  return budget_key(last_trusted);
}

}  // namespace reclaim::http
