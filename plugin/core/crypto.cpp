#include "core/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <pthread.h>

#include <atomic>
#include <cstring>

#include "core/error.hpp"

namespace reclaim {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

constexpr std::size_t kRandomBatch = 4096;

void fill_random(unsigned char *bytes, std::size_t count) {
  if (RAND_bytes(bytes, static_cast<int>(count)) != 1) {
    fail(Status::internal, "no randomness available");
  }
}

// Moves in a child after fork(): a child never hands out the bytes its parent's batch still
// holds (they would repeat there).
std::atomic<unsigned> fork_generation{0};
const int fork_watched = pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1); });

struct RandomBatch {
  unsigned char bytes[kRandomBatch];
  std::size_t used = kRandomBatch;  // empty: filled at first use
  unsigned generation = 0;
};

}  // namespace

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  auto *bytes = reinterpret_cast<unsigned char *>(out.data());
  if (count > kRandomBatch / 4) {
    fill_random(bytes, count);
    return out;
  }
  // Served from this thread's batch: OpenSSL's per-call cost (a look-up of its generator, two
  // locks) was a twentieth of a status page, which takes a fresh CSRF nonce for each new visitor.
  thread_local RandomBatch batch;
  if (batch.generation != fork_generation.load(std::memory_order_relaxed) ||
      batch.used + count > kRandomBatch) {
    fill_random(batch.bytes, kRandomBatch);
    batch.used = 0;
    batch.generation = fork_generation.load(std::memory_order_relaxed);
  }
  std::memcpy(bytes, batch.bytes + batch.used, count);
  OPENSSL_cleanse(batch.bytes + batch.used, count);  // handed out once, then not kept
  batch.used += count;
  return out;
}

std::string hex_encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

namespace {

// OpenSSL 3 looks an algorithm up in its provider tables on every one-shot call (SHA256(),
// HMAC()): a lock and a hash-table search that cost as much as hashing a short text. The
// algorithms are fetched once for the process and each thread keeps its own contexts.
EVP_MD *sha256_algorithm() {
  static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) fail(Status::internal, "SHA-256 is not available");
  return md;
}

EVP_MAC *hmac_algorithm() {
  static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (mac == nullptr) fail(Status::internal, "HMAC is not available");
  return mac;
}

struct ThreadContexts {
  EVP_MD_CTX *digest = nullptr;
  EVP_MAC_CTX *mac = nullptr;
  std::string mac_key;  // the key `mac` holds; another key sets it up again
  bool mac_keyed = false;
  ~ThreadContexts() {
    EVP_MD_CTX_free(digest);
    EVP_MAC_CTX_free(mac);
    OPENSSL_cleanse(mac_key.data(), mac_key.size());
  }
};

ThreadContexts &contexts() {
  thread_local ThreadContexts mine;
  return mine;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  ThreadContexts &own = contexts();
  if (own.digest == nullptr && (own.digest = EVP_MD_CTX_new()) == nullptr) {
    fail(Status::internal, "out of memory for SHA-256");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestInit_ex(own.digest, sha256_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(own.digest, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(own.digest, digest, &length) != 1) {
    fail(Status::internal, "SHA-256 failed");
  }
  return hex_encode({reinterpret_cast<const char *>(digest), length});
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  ThreadContexts &own = contexts();
  if (own.mac == nullptr) {
    own.mac = EVP_MAC_CTX_new(hmac_algorithm());
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    if (own.mac == nullptr || EVP_MAC_CTX_set_params(own.mac, params) != 1) {
      EVP_MAC_CTX_free(own.mac);
      own.mac = nullptr;
      fail(Status::internal, "HMAC-SHA256 is not available");
    }
  }
  // The same key as last time (the engine's one secret): only the state is reset.
  const bool same_key = own.mac_keyed && own.mac_key == key;
  const auto *bytes = reinterpret_cast<const unsigned char *>(key.data());
  // A zero-length key is a key too: OpenSSL wants a non-NULL pointer for it.
  static const unsigned char kEmpty = 0;
  if (EVP_MAC_init(own.mac, same_key ? nullptr : (key.empty() ? &kEmpty : bytes),
                   same_key ? 0 : key.size(), nullptr) != 1) {
    own.mac_keyed = false;
    fail(Status::internal, "HMAC failed");
  }
  if (!same_key) {
    OPENSSL_cleanse(own.mac_key.data(), own.mac_key.size());
    own.mac_key.assign(key);
    own.mac_keyed = true;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  if (EVP_MAC_update(own.mac, reinterpret_cast<const unsigned char *>(message.data()),
                     message.size()) != 1 ||
      EVP_MAC_final(own.mac, digest, &length, sizeof digest) != 1) {
    own.mac_keyed = false;
    fail(Status::internal, "HMAC failed");
  }
  return {reinterpret_cast<const char *>(digest), length};
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string url(text);
  for (char &c : url) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  while (!url.empty() && url.back() == '=') url.pop_back();
  return base64url_decode(url);
}

std::string base64_encode(std::string_view bytes) {
  std::string out = base64url_encode(bytes);
  for (char &c : out) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
  }
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 63]);
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto index = kBase64Url.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 255));
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone trailing character carries no whole byte
  return out;
}

std::string decode_secret(std::string_view text, const std::string &field) {
  auto bytes = hex_decode(text);
  if (!bytes) bytes = base64_decode(text);
  if (!bytes || bytes->size() < 32) {
    fail(Status::invalid_argument, "the secret must be at least 32 bytes, as hex or base64",
         field);
  }
  return *bytes;
}

}  // namespace reclaim
