// reclaimctl — Reclaim from the command line, built on the public C ABI only.
#include <reclaim/reclaim.h>

#include <iostream>

#include "action_help.hpp"
#include "commands.hpp"

using namespace reclaimctl;

namespace {

const char *const kExitCodes =
    "Exit codes:\n"
    "  0   success\n"
    "  1   the tool failed (a file could not be read or written)\n"
    "  2   bad command line\n"
    "  10+STATUS  the library refused: 11 invalid_argument, 12 not_found, 13 conflict,\n"
    "      14 not_allowed, 15 storage, 16 busy, 17 unsupported (not in this build), 18 internal\n";

void print_options(std::ostream &out, const std::vector<OptionSpec> &options) {
  for (const auto &o : options) {
    std::string left = "  --" + o.name + (o.value.empty() ? "" : " " + o.value);
    out << left << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << o.help << "\n";
  }
}

void print_usage(std::ostream &out) {
  out << "usage: reclaimctl [--db DATABASE | --config FILE] [--json] COMMAND [ARGS]\n\n"
         "Reclaim (complaints and returns) from the command line.\n\nCommands:\n";
  for (const auto &c : commands()) {
    std::string left = "  " + c.name + (c.arguments.empty() ? "" : " " + c.arguments);
    out << left << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << c.summary << "\n";
  }
  out << "  help [COMMAND]            help for a command\n\nOptions of every command:\n";
  print_options(out, global_options());
  out << "\nHuman tables by default; --json prints the library's documents for scripts.\n\n"
      << kExitCodes;
}

void print_help(std::ostream &out, const Command &c) {
  out << "usage: reclaimctl " << c.name << (c.options.empty() ? "" : " [OPTIONS]")
      << (c.arguments.empty() ? "" : " " + c.arguments) << "\n\n"
      << c.details << "\n";
  if (!c.options.empty()) {
    out << "\nOptions:\n";
    print_options(out, c.options);
  }
  out << "\nOptions of every command:\n";
  print_options(out, global_options());
  out << "\n" << kExitCodes;
}

// The command named by the first words of `words` (longest match); `used` words it took.
const Command *find_command(const std::vector<std::string> &words, size_t &used) {
  const Command *best = nullptr;
  for (const auto &c : commands()) {
    std::vector<std::string> parts;
    for (size_t start = 0; start <= c.name.size();) {
      size_t space = c.name.find(' ', start);
      if (space == std::string::npos) space = c.name.size();
      parts.push_back(c.name.substr(start, space - start));
      start = space + 1;
    }
    if (parts.size() > words.size()) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) match = parts[i] == words[i];
    if (match && (best == nullptr || parts.size() > used)) {
      best = &c;
      used = parts.size();
    }
  }
  return best;
}

int run(std::vector<std::string> words) {
  // Global options may come before the command: move them after it.
  std::vector<std::string> leading;
  while (!words.empty() && words[0].size() > 1 && words[0][0] == '-') {
    std::string option = words[0];
    words.erase(words.begin());
    if (option == "--version") {
      std::cout << "reclaimctl for ABI " << RECLAIM_ABI_VERSION << ", libreclaim "
                << reclaim_version() << " (ABI " << reclaim_abi_version() << ")\n";
      return kExitOk;
    }
    leading.push_back(option);
    bool takes_value = (option == "--db" || option == "--config");
    if (takes_value && !words.empty()) {
      leading.push_back(words[0]);
      words.erase(words.begin());
    }
  }
  bool want_help = false;
  for (const auto &l : leading) want_help = want_help || l == "--help" || l == "-h";
  if (words.empty() || words[0] == "help") {
    if (words.size() > 1) {
      size_t used = 0;
      std::vector<std::string> rest(words.begin() + 1, words.end());
      const Command *c = find_command(rest, used);
      if (c != nullptr && c->name == "case act" && rest.size() == used + 1) {
        if (print_action(std::cout, rest.back())) return kExitOk;
        throw UsageError("no action '" + rest.back() + "' (see: reclaimctl help case act)");
      }
      if (c != nullptr && used == rest.size()) {
        print_help(std::cout, *c);
        if (c->name == "case act") print_actions(std::cout);
        return kExitOk;
      }
      throw UsageError("no command '" + rest[0] + (rest.size() > 1 ? " " + rest[1] : "") + "'");
    }
    if (words.empty() && !want_help) {
      print_usage(std::cerr);
      return kExitUsage;
    }
    print_usage(std::cout);
    return kExitOk;
  }
  size_t used = 0;
  const Command *command = find_command(words, used);
  if (command == nullptr) {
    if (words[0] == "cases") {  // the plural reads naturally: reclaimctl cases --state received
      words[0] = "list";
      words.insert(words.begin(), "case");
      command = find_command(words, used);
    } else {
      throw UsageError("no command '" + words[0] + "'");
    }
  }
  std::vector<std::string> rest(words.begin() + static_cast<long>(used), words.end());
  rest.insert(rest.end(), leading.begin(), leading.end());
  Args args;
  try {
    args = parse_args(*command, rest);
  } catch (const UsageError &e) {
    throw UsageError(command->name + ": " + e.what() + "\n(see: reclaimctl " + command->name +
                     " --help)");
  }
  if (args.flag("help")) {
    if (command->name == "case act" && args.positional.size() == 2) {
      if (print_action(std::cout, args.positional[1])) return kExitOk;
      throw UsageError("no action '" + args.positional[1] + "' (see: reclaimctl help case act)");
    }
    print_help(std::cout, *command);
    if (command->name == "case act") print_actions(std::cout);
    return kExitOk;
  }
  Session session(args, command->name);
  return command->run(session, args);
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  try {
    return run(words);
  } catch (const UsageError &e) {
    std::cerr << "reclaimctl: " << e.what() << "\n";
    if (std::string(e.what()).find("--help") == std::string::npos)
      std::cerr << "(see: reclaimctl --help)\n";
    return kExitUsage;
  } catch (const ToolError &e) {
    std::cerr << "reclaimctl: " << e.what() << "\n";
    return kExitTool;
  } catch (const StatusError &e) {
    return kExitStatusBase + e.status;
  } catch (const std::exception &e) {
    std::cerr << "reclaimctl: " << e.what() << "\n";
    return kExitTool;
  }
}
