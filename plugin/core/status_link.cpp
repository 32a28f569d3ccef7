#include "core/status_link.hpp"

#include <charconv>

#include "core/crypto.hpp"

namespace reclaim {

namespace {

constexpr std::size_t kMaxTokenBytes = 200;
constexpr std::size_t kSignatureBytes = 18;  // 144 bits, 24 characters of base64url

std::string signature(std::string_view secret, std::string_view message) {
  const std::string mac = hmac_sha256(secret, message);
  return base64url_encode(std::string_view(mac).substr(0, kSignatureBytes));
}

// Lengths before the free-form parts, so that no two different links sign the same text.
std::string signed_text(std::string_view key_id, std::string_view shop, std::string_view case_id,
                        std::int64_t version) {
  std::string text = "reclaim-status-v2:";
  text += key_id;
  text += ':' + std::to_string(shop.size()) + ':';
  text += shop;
  text += ':' + std::to_string(case_id.size()) + ':';
  text += case_id;
  text += ':' + std::to_string(version);
  return text;
}

std::string legacy_signature(std::string_view secret, std::string_view case_id) {
  return signature(secret, "reclaim-status-v1:" + std::string(case_id));
}

}  // namespace

const SigningKey *Keyring::find(std::string_view id) const {
  if (current.id == id) return &current;
  for (const auto &key : previous) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

bool valid_key_id(std::string_view id) {
  if (id.empty() || id.size() > 16) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string make_status_token(const SigningKey &key, std::string_view shop,
                              std::string_view case_id, std::int64_t version) {
  std::string token(case_id);
  token += '.';
  token += key.id;
  token += '.' + std::to_string(version) + '.';
  token += signature(key.secret, signed_text(key.id, shop, case_id, version));
  return token;
}

std::optional<StatusLink> read_status_token(const Keyring &keys, std::string_view token,
                                            std::string_view shop) {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto dot = token.find('.', start);
    parts.push_back(token.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (const auto part : parts) {
    if (part.empty()) return std::nullopt;
  }
  StatusLink link;
  link.case_id = std::string(parts[0]);
  if (parts.size() == 2) {
    // The first format: readable only while key "0" is in the ring.
    const SigningKey *key = keys.find(kLegacyKeyId);
    if (!key || !equal_in_constant_time(legacy_signature(key->secret, parts[0]), parts[1])) {
      return std::nullopt;
    }
    link.key_id = key->id;
    link.shop = std::string(shop);
    link.legacy = true;
    return link;
  }
  if (parts.size() != 4) return std::nullopt;
  const SigningKey *key = keys.find(parts[1]);
  if (!key) return std::nullopt;
  const std::string_view digits = parts[2];
  if (digits.size() > 18 || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (error != std::errc() || end != digits.data() + digits.size() || version < 0) {
    return std::nullopt;
  }
  const std::string expected =
      signature(key->secret, signed_text(key->id, shop, parts[0], version));
  if (!equal_in_constant_time(expected, parts[3])) return std::nullopt;
  link.key_id = key->id;
  link.shop = std::string(shop);
  link.version = version;
  return link;
}

}  // namespace reclaim
