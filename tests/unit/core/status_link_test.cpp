// Status-link tokens as pure functions of the keys: shop and version inside the signature, key
// ids for rotation, and the first format under key "0".
#include "core/status_link.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace reclaim {
namespace {

const SigningKey kOld{"0", std::string(32, 'a')};
const SigningKey kNew{"k2", std::string(32, 'b')};

// The first format, as links made before key ids existed were: "CASE.SIGNATURE".
std::string legacy_token(const std::string &secret, const std::string &case_id) {
  const std::string mac = hmac_sha256(secret, "reclaim-status-v1:" + case_id);
  return case_id + "." + base64url_encode(std::string_view(mac).substr(0, 18));
}

TEST(StatusLink, CarriesCaseKeyAndVersionSignedForItsShop) {
  const Keyring keys{kNew, {}};
  const std::string token = make_status_token(kNew, "shop-a", "c_1", 3);
  EXPECT_EQ(token.rfind("c_1.k2.3.", 0), 0u);
  const auto link = read_status_token(keys, token, "shop-a");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->case_id, "c_1");
  EXPECT_EQ(link->shop, "shop-a");
  EXPECT_EQ(link->version, 3);
  EXPECT_EQ(link->key_id, "k2");
  EXPECT_FALSE(link->legacy);
}

TEST(StatusLink, AnotherShopsEndpointRefusesIt) {
  const Keyring keys{kNew, {}};
  const std::string token = make_status_token(kNew, "shop-a", "c_1", 0);
  EXPECT_FALSE(read_status_token(keys, token, "shop-b"));
  // Length prefixes keep shops and cases apart even when their texts run together.
  EXPECT_NE(make_status_token(kNew, "a:1", "c_1", 0).substr(8),
            make_status_token(kNew, "a", "1:c_1", 0).substr(8));
}

TEST(StatusLink, ChangedPartsAreRefused) {
  const Keyring keys{kNew, {}};
  const std::string token = make_status_token(kNew, "s", "c_1", 1);
  std::string other_version = token;
  other_version.replace(other_version.find(".1."), 3, ".2.");
  EXPECT_FALSE(read_status_token(keys, other_version, "s"));
  std::string other_case = token;
  other_case[2] = '2';
  EXPECT_FALSE(read_status_token(keys, other_case, "s"));
  for (const char *bad : {"", ".", "c_1", "c_1..0.x", "c_1.k2.01.x", "c_1.k2.-1.x", "c_1.k2.1.x.y",
                          "c_1.k9.1.AAAAAAAAAAAAAAAAAAAAAAAA"}) {
    EXPECT_FALSE(read_status_token(keys, bad, "s")) << bad;
  }
  EXPECT_FALSE(read_status_token(keys, std::string(300, 'a'), "s"));
}

TEST(StatusLink, ARotatedKeyVerifiesUntilItIsRemoved) {
  const std::string before = make_status_token(kOld, "s", "c_1", 0);
  const Keyring rotated{kNew, {kOld}};
  const auto link = read_status_token(rotated, before, "s");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->key_id, "0");
  // New links name the new key.
  EXPECT_EQ(make_status_token(rotated.current, "s", "c_1", 0).rfind("c_1.k2.", 0), 0u);
  const Keyring after_grace{kNew, {}};
  EXPECT_FALSE(read_status_token(after_grace, before, "s"));
  // A key id does not let another key's signature through.
  const Keyring impostor{kNew, {{"0", std::string(32, 'z')}}};
  EXPECT_FALSE(read_status_token(impostor, before, "s"));
}

TEST(StatusLink, FirstFormatLinksAreReadUnderKeyZeroOnly) {
  const std::string old_link = legacy_token(kOld.secret, "c_7");
  const auto link = read_status_token(Keyring{kOld, {}}, old_link, "s");
  ASSERT_TRUE(link);
  EXPECT_TRUE(link->legacy);
  EXPECT_EQ(link->case_id, "c_7");
  EXPECT_EQ(link->version, 0);
  EXPECT_EQ(link->shop, "s");  // unsigned: the caller checks it against the case
  EXPECT_TRUE(read_status_token(Keyring{kNew, {kOld}}, old_link, "s"));
  EXPECT_FALSE(read_status_token(Keyring{kNew, {}}, old_link, "s"));
  // Signed by a key that is not key "0": refused.
  EXPECT_FALSE(read_status_token(Keyring{kNew, {kOld}}, legacy_token(kNew.secret, "c_7"), "s"));
}

TEST(StatusLink, KeyIds) {
  EXPECT_TRUE(valid_key_id("0"));
  EXPECT_TRUE(valid_key_id("2026-11_a"));
  EXPECT_FALSE(valid_key_id(""));
  EXPECT_FALSE(valid_key_id("a.b"));
  EXPECT_FALSE(valid_key_id("a:b"));
  EXPECT_FALSE(valid_key_id(std::string(17, 'a')));
}

}  // namespace
}  // namespace reclaim
