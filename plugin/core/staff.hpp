// Staff of a shop working cases in the embedded desk: who they are, the one-time links a host
// signs them in with, and the sessions those links open. Values only; the engine keeps them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

// A link lives at most this long (the host makes one per click).
inline constexpr std::int64_t kStaffLinkMaxTtlS = 600;
inline constexpr std::int64_t kStaffLinkDefaultTtlS = 300;
// A session ends after this long without a request, and in any case this long after it began.
inline constexpr UnixMs kStaffIdleTimeoutMs = 30LL * 60 * 1000;
inline constexpr UnixMs kStaffAbsoluteTimeoutMs = 12LL * 60 * 60 * 1000;
// Activity is written back at most this often, so that reading pages does not write every time.
inline constexpr UnixMs kStaffTouchEveryMs = 60LL * 1000;

// A member of staff as the host vouches for them. The role is one of the engine's staff roles
// (agent, supervisor); decision limits of the shop's policy apply to it as to any actor.
struct StaffMember {
  std::string id;
  std::string name;
  Role role = Role::agent;
  std::vector<std::string> shops;  // the only shops whose cases they see
  std::string locale;              // pl, en, ru or "" (then the browser's)

  bool sees(const std::string &shop) const {
    return std::find(shops.begin(), shops.end(), shop) != shops.end();
  }
};

struct StaffLinkRequest {
  StaffMember staff;
  std::int64_t ttl_s = kStaffLinkDefaultTtlS;
  std::string next = "/staff/";  // a path under /staff/, below the endpoint's base_path
};

struct StaffLink {
  std::string path;  // "/staff/enter?t=…", below the endpoint's base_path
  UnixMs expires_at = 0;
};

// A signed-in session as stored (by the hash of its secret).
struct StaffSession {
  StaffMember staff;
  std::string csrf;  // the token its forms and API calls must carry
  UnixMs created_at = 0;
  UnixMs last_seen_at = 0;

  bool live(UnixMs now) const {
    return now < created_at + kStaffAbsoluteTimeoutMs && now < last_seen_at + kStaffIdleTimeoutMs;
  }
};

// What a link opens: the session's secret (the cookie's value, shown once), where to go next.
struct StaffEntry {
  std::string secret;
  std::string next;
  StaffSession session;
};

// True for a path the desk may send a browser to after sign-in: under /staff/, no scheme, no
// host, no backslash, no dot segments, no control characters.
inline bool is_staff_path(std::string_view path) {
  if (!path.starts_with("/staff/") || path.size() > 512) return false;
  if (path.find("//") != std::string_view::npos || path.find("/.") != std::string_view::npos) {
    return false;
  }
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == 0x7f || c == '\\' || c == '#') return false;
  }
  return true;
}

}  // namespace reclaim
