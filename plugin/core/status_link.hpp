// Status-page links: the token a customer's link carries, made and checked as pure functions of
// the signing keys. A token names the case, the shop whose endpoint serves it, the case's link
// version (bumped when its links are renewed, which revokes the earlier ones) and the id of the
// key that signed it, so the secret can rotate while older keys still verify.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reclaim {

// One signing secret (raw bytes) and the id tokens name it by.
struct SigningKey {
  std::string id;
  std::string secret;
};

// The current key, which signs new links and CSRF tokens, and the previous ones, which still
// verify links until they are removed from the configuration.
struct Keyring {
  SigningKey current;
  std::vector<SigningKey> previous;
  // The key with this id, current or previous; nullptr when it is not (or no longer) in the ring.
  const SigningKey *find(std::string_view id) const;
};

// The key id links made before key ids existed are read under.
inline constexpr std::string_view kLegacyKeyId = "0";

// A key id: 1 to 16 letters, digits, '_' or '-'.
bool valid_key_id(std::string_view id);

// What a token whose signature holds says. `legacy`: a link of the first format
// ("CASE.SIGNATURE", signed by key "0" without shop or version); it stands for version 0 and
// names no shop, so the caller checks both against the case.
struct StatusLink {
  std::string case_id;
  std::string shop;
  std::int64_t version = 0;
  std::string key_id;
  bool legacy = false;
};

// "CASE.KEY.VERSION.SIGNATURE", signed by `key` over all of them and the shop.
std::string make_status_token(const SigningKey &key, std::string_view shop,
                              std::string_view case_id, std::int64_t version);

// The link a token carries when it is well formed and signed for `shop` by a key of the ring;
// nullopt when it is damaged, forged, made for another shop or signed by a key no longer in the
// ring. Whether its version is still the case's is for the caller to check.
std::optional<StatusLink> read_status_token(const Keyring &keys, std::string_view token,
                                            std::string_view shop);

}  // namespace reclaim
