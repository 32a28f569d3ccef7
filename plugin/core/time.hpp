// Instants are milliseconds since the Unix epoch (UTC); text is RFC 3339.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reclaim {

using UnixMs = std::int64_t;

constexpr UnixMs kMsPerHour = 3'600'000;
constexpr UnixMs kMsPerDay = 24 * kMsPerHour;
// 0001-01-01 .. 9999-12-31: the range RFC 3339 can write.
constexpr UnixMs kMinTime = -62'135'596'800'000;
constexpr UnixMs kMaxTime = 253'402'300'799'999;

// Parses "2026-11-22T10:15:00Z", "2026-11-22T11:15:00.5+01:00" (also 't'/'z'/' '). Fractions
// beyond milliseconds are truncated. nullopt for anything that is not a valid instant.
std::optional<UnixMs> parse_rfc3339(std::string_view text);

// "2026-11-22T10:15:00Z", with ".123" only when the milliseconds are not zero.
std::string format_rfc3339(UnixMs at);

}  // namespace reclaim
