#include "engine/password.hpp"

#include <sodium.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace reclaim {

PasswordHasher::PasswordHasher(bool cheap)
    : ops_(cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      memory_(cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) {
  // Safe to call from many threads and many times; it only fails when the system has no
  // source of randomness.
  if (sodium_init() < 0) fail(Status::internal, "libsodium could not be initialised");
}

const std::string &PasswordHasher::dummy() const {
  std::call_once(dummy_made_, [this] { dummy_ = hash(base64url_encode(random_bytes(24))); });
  return dummy_;
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), ops_, memory_) != 0) {
    fail(Status::internal, "the password could not be hashed (out of memory)");
  }
  return out;
}

bool PasswordHasher::verify(const std::string &hash, std::string_view password) const {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string &hash) const {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), ops_, memory_) != 0;
}

}  // namespace reclaim
