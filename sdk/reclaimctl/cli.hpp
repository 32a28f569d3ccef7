// cli.hpp — reclaimctl's command table, arguments and failures.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reclaimctl {

// Exit codes (documented in --help and the README).
constexpr int kExitOk = 0;
constexpr int kExitTool = 1;         // a file could not be read or written, the library not loaded
constexpr int kExitUsage = 2;        // bad command line
constexpr int kExitStatusBase = 10;  // 10 + a RECLAIM_* status: 11 invalid_argument … 18 internal

// A bad command line: printed with a hint to --help, exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A failure of the tool itself (I/O): exit 1.
struct ToolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;   // without the leading "--"
  std::string value;  // the value's placeholder, "" for a flag
  std::string help;
  bool repeatable = false;
};

// A parsed command line: options by name (every value, in order) and positional arguments.
struct Args {
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> positional;

  bool flag(const std::string &name) const { return options.count(name) > 0; }
  std::optional<std::string> value(const std::string &name) const;
  std::vector<std::string> values(const std::string &name) const;
  // An integer option within [min, max], or nullopt when absent; UsageError when malformed.
  std::optional<long long> integer(const std::string &name, long long min, long long max) const;
};

class Session;

struct Command {
  std::string name;       // "case act"
  std::string arguments;  // "REF ACTION"
  std::string summary;    // one line for the command list
  std::string details;    // paragraphs for COMMAND --help
  std::vector<OptionSpec> options;
  size_t min_args = 0, max_args = 0;
  bool needs_engine = true;
  int (*run)(Session &, const Args &) = nullptr;
};

// The options every command accepts.
const std::vector<OptionSpec> &global_options();
// Every command, in the order of the help.
const std::vector<Command> &commands();

// Parses the words after the command name against its options and the global ones.
Args parse_args(const Command &command, const std::vector<std::string> &words);

}  // namespace reclaimctl
