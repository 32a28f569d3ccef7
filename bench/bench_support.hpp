// What the benchmark programs share: a temporary folder, and taking strings from the library.
#pragma once

#include <reclaim/reclaim.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace bench {

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/reclaim-bench-XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

 private:
  std::string path_;
};

// Takes a string the library returned and releases it.
inline std::string take(char *json) {
  std::string out = json ? json : "";
  reclaim_free(json);
  return out;
}

// Throws unless `rc` is RECLAIM_OK, with the call and the library's answer.
inline std::string expect_ok(const char *what, int rc, char *json) {
  std::string doc = take(json);
  if (rc != RECLAIM_OK) {
    throw std::runtime_error(std::string(what) + ": " + reclaim_status_name(rc) + " " +
                             doc.substr(0, 400));
  }
  return doc;
}

// Runs one library call that writes *out_json and returns its document, or throws.
//   bench::call("reclaim_tick", [&](char **out) { return reclaim_tick(engine, out); });
template <typename Invoke>
std::string call(const char *what, Invoke &&invoke) {
  char *out = nullptr;
  const int rc = invoke(&out);
  return expect_ok(what, rc, out);
}

}  // namespace bench
