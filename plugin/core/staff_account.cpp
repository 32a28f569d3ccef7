#include "core/staff_account.hpp"

#include <algorithm>

namespace reclaim {

namespace {

// The number of code points of well-formed UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF), or nullopt for anything else.
std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    std::size_t extra = 0;
    std::uint32_t point = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
      extra = 1, point = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      extra = 2, point = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      extra = 3, point = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + extra >= text.size()) return std::nullopt;  // cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return std::nullopt;
      point = (point << 6) | (byte(i + k) & 0x3f);
    }
    if ((extra == 2 && point < 0x800) || (extra == 3 && point < 0x10000) || point > 0x10ffff ||
        (point >= 0xd800 && point <= 0xdfff)) {
      return std::nullopt;
    }
    i += extra + 1;
  }
  return count;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password) {
  if (password.size() > kPasswordMaxBytes) return "at most 1024 bytes";
  const auto length = utf8_length(password);
  if (!length) return "not valid UTF-8";
  if (*length < kPasswordMinChars) return "at least 12 characters";
  return std::nullopt;
}

UnixMs lockout_after(int failures) {
  if (failures < kLockoutEvery || failures % kLockoutEvery != 0) return 0;
  UnixMs lock = kLockoutFirstMs;
  for (int run = failures / kLockoutEvery; run > 1 && lock < kLockoutMaxMs; --run) lock *= 2;
  return std::min(lock, kLockoutMaxMs);
}

}  // namespace reclaim
