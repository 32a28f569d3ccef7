// Password hashing for staff accounts: Argon2id through libsodium (Debian: libsodium-dev), the
// one outside library this needs, kept in the engine as libmagic is. Hashes are libsodium's
// self-describing strings ("$argon2id$v=19$m=…,t=…,p=…$salt$hash"), so a change of cost is
// read from each stored hash and applied at its owner's next sign-in.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

namespace reclaim {

class PasswordHasher {
 public:
  // `cheap`: the least cost libsodium allows, for tests only; otherwise its interactive cost
  // (2 passes over 64 MiB), a fraction of a second on a server.
  explicit PasswordHasher(bool cheap);

  // A fresh hash with a random salt. Error(internal) when libsodium cannot (out of memory).
  std::string hash(std::string_view password) const;
  // True when `password` matches `hash`; false for a wrong one and for a malformed hash.
  // Constant time in the password; the time is that of the hash's cost.
  bool verify(const std::string &hash, std::string_view password) const;
  // True when `hash` was made at another cost or with another algorithm than this hasher's.
  bool needs_rehash(const std::string &hash) const;
  // A hash of a random password at this hasher's cost, made once: verifying against it takes as
  // long as a real check, so an unknown login answers no faster than a wrong password. Made at
  // the first need, not when the engine opens.
  const std::string &dummy() const;

 private:
  unsigned long long ops_;
  std::size_t memory_;
  mutable std::once_flag dummy_made_;
  mutable std::string dummy_;
};

}  // namespace reclaim
