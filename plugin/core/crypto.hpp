// Hashes, signatures and randomness (OpenSSL), and the encodings they travel in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reclaim {

std::string random_bytes(std::size_t count);
std::string hex_encode(std::string_view bytes);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view message);
bool equal_in_constant_time(std::string_view a, std::string_view b);

std::string base64url_encode(std::string_view bytes);
// Standard base64 (RFC 4648 §4), padded; decoding takes it with or without padding.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);
std::optional<std::string> base64url_decode(std::string_view text);

// A configured secret: 32+ bytes given as hex or standard base64. Throws Error naming `field`.
std::string decode_secret(std::string_view text, const std::string &field);

}  // namespace reclaim
