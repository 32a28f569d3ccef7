#include "cli.hpp"

#include <charconv>

namespace reclaimctl {

std::optional<std::string> Args::value(const std::string &name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::values(const std::string &name) const {
  auto it = options.find(name);
  return it == options.end() ? std::vector<std::string>{} : it->second;
}

std::optional<long long> Args::integer(const std::string &name, long long min,
                                       long long max) const {
  auto text = value(name);
  if (!text) return std::nullopt;
  long long n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < min || n > max)
    throw UsageError("--" + name + " expects a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + *text + "'");
  return n;
}

const std::vector<OptionSpec> &global_options() {
  static const std::vector<OptionSpec> options = {
      {"db", "DATABASE",
       "a SQLite file, sqlite:PATH, sqlite::memory:\n"
       "                            or a postgresql:// URI (default: $RECLAIM_DATABASE)"},
      {"config", "FILE", "a whole engine configuration document instead of --db (- for stdin)"},
      {"json", "", "print the library's JSON documents instead of tables"},
      {"help", "", "show help for the command"},
  };
  return options;
}

Args parse_args(const Command &command, const std::vector<std::string> &words) {
  Args args;
  auto find = [&](const std::string &name) -> const OptionSpec * {
    for (const auto &o : command.options)
      if (o.name == name) return &o;
    for (const auto &o : global_options())
      if (o.name == name) return &o;
    return nullptr;
  };
  bool options_done = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string &word = words[i];
    if (options_done || word.size() < 2 || word.compare(0, 2, "--") != 0) {
      if (!options_done && word.size() > 1 && word[0] == '-' && word != "-") {
        if (word == "-h") {
          args.options["help"].push_back("");
          continue;
        }
        throw UsageError("unknown option '" + word + "'");
      }
      args.positional.push_back(word);
      continue;
    }
    if (word == "--") {
      options_done = true;
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec *spec = find(name);
    if (spec == nullptr) throw UsageError("unknown option '--" + name + "'");
    std::string value;
    if (!spec->value.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < words.size()) {
        value = words[++i];
      } else {
        throw UsageError("--" + name + " needs a value (" + spec->value + ")");
      }
    } else if (inline_value) {
      throw UsageError("--" + name + " takes no value");
    }
    auto &slot = args.options[name];
    if (!slot.empty() && !spec->repeatable && !spec->value.empty())
      throw UsageError("--" + name + " given twice");
    slot.push_back(value);
  }
  if (args.flag("help")) return args;
  if (args.positional.size() < command.min_args)
    throw UsageError("missing arguments: " + command.name + " " + command.arguments);
  if (args.positional.size() > command.max_args)
    throw UsageError("unexpected argument '" + args.positional[command.max_args] + "'");
  return args;
}

}  // namespace reclaimctl
