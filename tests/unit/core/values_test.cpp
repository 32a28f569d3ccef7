// Decimal money, RFC 3339 times, time zones, currencies and the text checks.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/currency.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/zone.hpp"

namespace reclaim {
namespace {

TEST(Decimal, ParsesAndFormatsExactly) {
  EXPECT_EQ(Decimal::parse("199.99")->to_string(2), "199.99");
  EXPECT_EQ(Decimal::parse("0.1")->to_string(2), "0.10");
  EXPECT_EQ(Decimal::parse("12.000000")->to_string(2), "12.00");
  EXPECT_EQ(Decimal::parse("1.234")->to_string(2), "1.234");
  EXPECT_EQ(Decimal::parse("-5")->to_string(0), "-5");
  EXPECT_EQ((*Decimal::parse("0.1") + *Decimal::parse("0.2")).to_string(2), "0.30");
  EXPECT_EQ(Decimal::parse("199.99")->times(3).to_string(2), "599.97");
}

TEST(Decimal, RefusesWhatIsNotAPlainDecimal) {
  for (const char *bad : {"", "-", ".5", "5.", "1e3", "+1", " 1", "1,5", "1.1234567",
                          "1234567890123", "NaN", "0x10", "1.2.3"}) {
    EXPECT_FALSE(Decimal::parse(bad)) << bad;
  }
}

TEST(Decimal, OverflowIsAnError) {
  const auto big = *Decimal::parse("999999999999");
  EXPECT_THROW(big + big, Error);
  EXPECT_THROW(big.times(1000), Error);
}

TEST(Currency, MinorUnits) {
  EXPECT_EQ(currency_minor_units("PLN"), 2);
  EXPECT_EQ(currency_minor_units("JPY"), 0);
  EXPECT_EQ(currency_minor_units("KWD"), 3);
  EXPECT_FALSE(currency_minor_units("pln"));
  EXPECT_FALSE(currency_minor_units("XXX"));
}

TEST(Time, Rfc3339RoundTrip) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2026-11-22T11:15:00+01:00"), parse_rfc3339("2026-11-22T10:15:00Z"));
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-11-22T10:15:00.5Z")),
            "2026-11-22T10:15:00.500Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-02-29T23:59:59-00:30")), "2024-03-01T00:29:59Z");
  EXPECT_EQ(format_rfc3339(-1000), "1969-12-31T23:59:59Z");
  // Every field padded, the first and last instants RFC 3339 can write, milliseconds kept.
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-01-05T03:04:05.007Z")), "2026-01-05T03:04:05.007Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-01-05T03:04:05.07Z")), "2026-01-05T03:04:05.070Z");
  EXPECT_EQ(format_rfc3339(kMinTime), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(kMaxTime), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
}

TEST(Time, RefusesInvalid) {
  for (const char *bad : {"2026-02-29T00:00:00Z", "2026-11-22", "2026-11-22T24:00:00Z",
                          "2026-11-22T10:15:00", "2026-13-01T00:00:00Z", "2026-11-22T10:15:00+1",
                          "2026-11-22T10:15:00.Z", "0000-01-01T00:00:00Z", "garbage"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(Zone, LocalYearFollowsTheShopsClock) {
  const Zone warsaw("Europe/Warsaw");
  const auto new_year_in_warsaw = *parse_rfc3339("2026-12-31T23:30:00Z");
  EXPECT_EQ(warsaw.local_year(new_year_in_warsaw), 2027);
  EXPECT_EQ(Zone("UTC").local_year(new_year_in_warsaw), 2026);
  EXPECT_THROW(Zone("Mars/Olympus"), Error);
}

TEST(Crypto, EncodingsAndSecrets) {
  EXPECT_EQ(base64url_decode(base64url_encode("any bytes\xff")), std::string("any bytes\xff"));
  EXPECT_FALSE(base64url_decode("a"));
  EXPECT_FALSE(base64url_decode("ab+/"));
  EXPECT_EQ(decode_secret(std::string(64, 'a'), "secret").size(), 32u);
  EXPECT_THROW(decode_secret("short", "secret"), Error);
  EXPECT_EQ(hex_encode(hmac_sha256("key", "The quick brown fox jumps over the lazy dog")),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

// The contexts are kept per thread (crypto.cpp): another key, the same key again, an empty key
// and other threads each get the published answers (RFC 4231 case 2; SHA-256 of "abc").
TEST(Crypto, ReusedContextsGiveTheSameAnswersForEveryKeyAndThread) {
  const std::string fox = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
  const std::string jefe = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  const std::string empty = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  auto check = [&] {
    for (int round = 0; round < 3; ++round) {
      EXPECT_EQ(hex_encode(hmac_sha256("key", "The quick brown fox jumps over the lazy dog")), fox);
      EXPECT_EQ(hex_encode(hmac_sha256("key", "The quick brown fox jumps over the lazy dog")), fox);
      EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")), jefe);
      EXPECT_EQ(hex_encode(hmac_sha256("", "")), empty);
      EXPECT_EQ(sha256_hex("abc"), abc);
    }
  };
  check();
  std::thread a(check), b(check);
  a.join();
  b.join();
}

TEST(Text, UnicodeAndControlCharacters) {
  EXPECT_NO_THROW(codec::check_text("Zażółć gęślą jaźń — Привет", 100, "f"));
  EXPECT_THROW(codec::check_text("bad\x01", 100, "f"), Error);
  EXPECT_THROW(codec::check_text("\xc0\xaf", 100, "f"), Error);
  EXPECT_THROW(codec::check_text("\xed\xa0\x80", 100, "f"), Error);
  EXPECT_THROW(codec::check_text("\xe2\x82", 100, "f"), Error);
  EXPECT_THROW(codec::check_text(std::string(101, 'a'), 100, "f"), Error);
}

// Random bytes come from a batch per thread: never the same bytes twice, on one thread, on
// several, or in a child after fork() (which starts a batch of its own).
TEST(RandomBytes, NeverRepeatAcrossCallsThreadsOrAFork) {
  std::set<std::string> seen;
  for (int i = 0; i < 600; ++i) {  // more than one batch of 4096 bytes
    const std::string bytes = random_bytes(16);
    ASSERT_EQ(bytes.size(), 16u);
    EXPECT_TRUE(seen.insert(bytes).second);
  }
  std::string other;
  std::thread([&] { other = random_bytes(16); }).join();
  EXPECT_TRUE(seen.insert(other).second);
  EXPECT_EQ(random_bytes(5000).size(), 5000u);  // larger than a batch: straight from OpenSSL
  EXPECT_EQ(random_bytes(0), "");

  int pipe_ends[2];
  ASSERT_EQ(pipe(pipe_ends), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string mine = random_bytes(16);
    _exit(write(pipe_ends[1], mine.data(), mine.size()) == 16 ? 0 : 1);
  }
  const std::string parents = random_bytes(16);
  char childs[16];
  ASSERT_EQ(read(pipe_ends[0], childs, sizeof childs), 16);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  close(pipe_ends[0]);
  close(pipe_ends[1]);
  EXPECT_NE(std::string(childs, 16), parents) << "the child repeated its parent's next bytes";
}

// Case ids: shaped as the random ones were ("c_" and 20 hex digits), sorting as their times do,
// distinct within one millisecond.
TEST(TimeOrderedId, SortsByTimeAndKeepsTheShape) {
  const UnixMs at = *parse_rfc3339("2026-12-04T16:00:00.123Z");
  const std::string id = time_ordered_id("c_", at);
  ASSERT_EQ(id.size(), 22u);
  EXPECT_EQ(id.substr(0, 2), "c_");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 2), std::string::npos) << id;
  EXPECT_EQ(std::stoll(id.substr(2, 11), nullptr, 16), at);  // the time, read back
  std::set<std::string> same_millisecond;
  for (int i = 0; i < 1000; ++i) same_millisecond.insert(time_ordered_id("c_", at));
  EXPECT_EQ(same_millisecond.size(), 1000u);
  std::string earlier = time_ordered_id("c_", 0);
  EXPECT_EQ(earlier.substr(2, 11), "00000000000");
  EXPECT_EQ(time_ordered_id("c_", -5).substr(2, 11), "00000000000");
  for (UnixMs t : {UnixMs{1}, UnixMs{15}, UnixMs{16}, UnixMs{4096}, at - 1000, at, at + 1,
                   *parse_rfc3339("2099-12-31T23:59:59.999Z")}) {
    const std::string later = time_ordered_id("c_", t);
    EXPECT_LT(earlier, later) << t;
    earlier = later;
  }
}

}  // namespace
}  // namespace reclaim
