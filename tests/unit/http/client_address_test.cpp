// Whose budget a request spends: the peer, or behind trusted proxies (addresses and CIDR ranges)
// the right-most forwarded address that is not one; IPv6 per /64; an empty peer never trusted.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace reclaim::http::testing {
namespace {

std::vector<IpNetwork> networks(std::initializer_list<const char *> texts) {
  std::vector<IpNetwork> out;
  for (const char *text : texts) {
    auto network = IpNetwork::parse(text);
    EXPECT_TRUE(network) << text;
    if (network) out.push_back(*network);
  }
  return out;
}

Request from(std::string peer, std::vector<std::string> forwarded = {}) {
  Request request;
  request.peer = std::move(peer);
  for (auto &line : forwarded) request.headers.emplace_back("x-forwarded-for", std::move(line));
  return request;
}

TEST(IpNetwork, ParsesAddressesAndRanges) {
  for (const char *good : {"10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "2001:db8::/32",
                           "::ffff:10.0.0.0/104", "fe80::/10"}) {
    EXPECT_TRUE(IpNetwork::parse(good)) << good;
  }
  for (const char *bad : {"", "10.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::/129",
                          "example.com", "10.0.0.1/8x", "10.0.0.0/0008"}) {
    EXPECT_FALSE(IpNetwork::parse(bad)) << bad;
  }
  const auto lan = *IpNetwork::parse("10.0.0.0/8");
  EXPECT_TRUE(lan.contains(*IpAddress::parse("10.200.1.2")));
  EXPECT_TRUE(lan.contains(*IpAddress::parse("::ffff:10.1.1.1")));  // the mapped form is IPv4
  EXPECT_FALSE(lan.contains(*IpAddress::parse("11.0.0.1")));
  EXPECT_FALSE(lan.contains(*IpAddress::parse("::a00:1")));  // an IPv6 address is not IPv4
  const auto mapped = *IpNetwork::parse("::ffff:192.0.2.0/120");
  EXPECT_TRUE(mapped.contains(*IpAddress::parse("192.0.2.77")));
  EXPECT_FALSE(mapped.contains(*IpAddress::parse("192.0.3.1")));
  const auto v6 = *IpNetwork::parse("2001:db8:abcd::/48");
  EXPECT_TRUE(v6.contains(*IpAddress::parse("2001:db8:abcd:12::1")));
  EXPECT_FALSE(v6.contains(*IpAddress::parse("2001:db8:abce::1")));
}

TEST(ClientKey, IPv6ClientsShareOneBudgetPerSlash64) {
  const std::vector<IpNetwork> none;
  EXPECT_EQ(client_key(from("2001:db8:1:2::10"), none), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key(from("2001:db8:1:2:ffff:1:2:3"), none), "2001:db8:1:2::/64");
  EXPECT_NE(client_key(from("2001:db8:1:3::10"), none), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key(from("::ffff:198.51.100.7"), none), "198.51.100.7");
  EXPECT_EQ(client_key(from("198.51.100.7"), none), "198.51.100.7");
}

TEST(ClientKey, AnUntrustedPeerCannotPoseAsAnotherClient) {
  const auto proxies = networks({"10.0.0.0/8"});
  EXPECT_EQ(client_key(from("198.51.100.7", {"192.0.2.1"}), proxies), "198.51.100.7");
}

TEST(ClientKey, AnEmptyPeerIsNeverTrusted) {
  // A host's in-process request that does not say who asked: X-Forwarded-For is not believed,
  // whatever it says, and all such requests share one budget.
  const auto proxies = networks({"0.0.0.0/0"});
  EXPECT_EQ(client_key(from("", {"192.0.2.1"}), proxies), "unknown-peer");
  EXPECT_EQ(client_key(from("", {"192.0.2.2"}), proxies), "unknown-peer");
}

TEST(ClientKey, ForwardedChainsAreReadFromTheRightAcrossEveryHeaderLine) {
  const auto proxies = networks({"10.0.0.0/8", "2001:db8:ffff::/48"});
  // The client forged the left-most entry; the proxy appended the real address.
  EXPECT_EQ(client_key(from("10.0.0.1", {"1.2.3.4, 192.0.2.50"}), proxies), "192.0.2.50");
  // Two proxies, each trusted by range; the client is the first untrusted hop from the right.
  EXPECT_EQ(client_key(from("10.0.0.1", {"192.0.2.50, 10.9.9.9"}), proxies), "192.0.2.50");
  // A second header line (a proxy that adds its own) is part of the chain, and the last word.
  EXPECT_EQ(client_key(from("10.0.0.1", {"1.2.3.4", "192.0.2.60"}), proxies), "192.0.2.60");
  // IPv6 behind an IPv6 proxy range, budgeted per /64.
  EXPECT_EQ(client_key(from("2001:db8:ffff::1", {"2001:db8:5:6::9"}), proxies), "2001:db8:5:6::/64");
  // Garbage ends the chain of trust: the last proxy is then the client.
  EXPECT_EQ(client_key(from("10.0.0.1", {"192.0.2.50, not-an-address, 10.1.1.1"}), proxies),
            "10.1.1.1");
  // A trusted proxy without a header is the client itself.
  EXPECT_EQ(client_key(from("10.0.0.1"), proxies), "10.0.0.1");
  // Empty entries and tabs are skipped.
  EXPECT_EQ(client_key(from("10.0.0.1", {"192.0.2.70,\t, "}), proxies), "192.0.2.70");
}

}  // namespace
}  // namespace reclaim::http::testing
