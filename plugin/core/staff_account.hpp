// Staff accounts of reclaimd: members of staff who sign in to the desk with a password of their
// own, for hosts without an admin panel to vouch for them (reclaim_staff_link does that for the
// others). Values and the rules on passwords and lockout; the engine hashes and keeps them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/staff.hpp"

namespace reclaim {

// A password has at least this many characters (code points) and at most this many bytes.
inline constexpr std::size_t kPasswordMinChars = 12;
inline constexpr std::size_t kPasswordMaxBytes = 1024;

// Consecutive wrong passwords that lock an account, and how long the first lock lasts; each
// further run of kLockoutEvery failures doubles it, up to kLockoutMaxMs.
inline constexpr int kLockoutEvery = 5;
inline constexpr UnixMs kLockoutFirstMs = 15LL * 60 * 1000;
inline constexpr UnixMs kLockoutMaxMs = 24LL * 60 * 60 * 1000;

// An account as stored. `password_hash` is an Argon2id string (libsodium's crypto_pwhash_str);
// it never leaves the engine and storage.
struct StaffAccount {
  StaffMember staff;  // id (the login), name, role, shops, locale
  std::string password_hash;
  bool disabled = false;
  int failed_logins = 0;    // consecutive wrong passwords since the last sign-in
  UnixMs locked_until = 0;  // 0: not locked
  UnixMs created_at = 0;
  UnixMs changed_at = 0;

  bool locked(UnixMs now) const { return locked_until > now; }
};

enum class StaffAccountOp { add, passwd, remove, disable, enable, list };
inline constexpr std::string_view kStaffAccountOps[] = {"add",     "passwd", "remove",
                                                        "disable", "enable", "list"};

// reclaim_staff_account's request: `staff` for add, `id` for the others but list, `password`
// for add and passwd.
struct StaffAccountRequest {
  StaffAccountOp op = StaffAccountOp::list;
  StaffMember staff;
  std::string id;
  std::string password;
};

// What an operation did: the account (add, passwd, disable, enable), every account (list), and
// the desk sessions it ended (passwd, remove, disable).
struct StaffAccountAnswer {
  StaffAccountOp op = StaffAccountOp::list;
  std::string id;
  std::vector<StaffAccount> accounts;
  int sessions_ended = 0;
};

// Why a password is refused ("at least 12 characters", …), or nullopt when it is acceptable:
// valid UTF-8, at least kPasswordMinChars characters, at most kPasswordMaxBytes bytes.
std::optional<std::string> password_problem(std::string_view password);

// How long an account stays locked after its `failures`-th consecutive wrong password: 0 unless
// failures is a multiple of kLockoutEvery, then 15 minutes, 30, 60, … at most a day.
UnixMs lockout_after(int failures);

// What a sign-in came to. `refused` is the same answer for an unknown login, a wrong password
// and a disabled account; `locked` does not say whether the password was right.
enum class LoginOutcome { signed_in, refused, locked };

struct StaffLogin {
  LoginOutcome outcome = LoginOutcome::refused;
  std::optional<StaffEntry> entry;  // signed_in: the new session, as a link would open it
  UnixMs locked_until = 0;          // locked: until when
};

}  // namespace reclaim
