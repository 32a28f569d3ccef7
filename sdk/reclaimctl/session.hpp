// session.hpp — one engine opened from the command line, and the output of every command.
#pragma once

#include <reclaim/reclaim.h>

#include <string>

#include "cli.hpp"
#include "json.hpp"

namespace reclaimctl {

// A library call that did not answer RECLAIM_OK; the message was already printed.
struct StatusError {
  int status;
};

class Session {
 public:
  // Opens the engine the options name (--db, --config or $RECLAIM_DATABASE).
  Session(const Args &args, const std::string &command);
  ~Session();
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  reclaim_engine *engine() const { return engine_; }
  bool json() const { return json_; }
  const std::string &opened() const { return opened_; }

  // Takes ownership of `out` (frees it). On RECLAIM_OK returns the parsed document; otherwise
  // reports the error (stderr, and stdout with --json) and throws StatusError.
  Json take(const char *what, int status, char *out);
  // Like take, but reports a failure and returns nullopt-like false instead of throwing.
  bool take_soft(const char *what, int status, char *out, Json &result);

  // Prints a document: raw with --json, indented otherwise.
  void print_document(const Json &doc) const;

 private:
  void report(const char *what, int status, const std::string &doc) const;

  reclaim_engine *engine_ = nullptr;
  bool json_ = false;
  std::string command_;
  std::string opened_;
};

// The engine configuration document for a --db value.
std::string config_for_database(const std::string &database);
// The whole text of a file, or of stdin for "-".
std::string read_input(const std::string &path);

}  // namespace reclaimctl
