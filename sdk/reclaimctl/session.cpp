#include "session.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace reclaimctl {

std::string config_for_database(const std::string &database) {
  std::string url = database;
  bool has_scheme = database.rfind("sqlite:", 0) == 0 || database.rfind("postgresql:", 0) == 0 ||
                    database.rfind("postgres:", 0) == 0;
  if (database == ":memory:")
    url = "sqlite::memory:";
  else if (!has_scheme)
    url = "sqlite:" + database;
  return "{\"database\":" + quote_json(url) + "}";
}

std::string read_input(const std::string &path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    if (std::cin.bad()) throw ToolError("cannot read standard input");
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ToolError("cannot read " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ToolError("cannot read " + path);
  return text;
}

Session::Session(const Args &args, const std::string &command)
    : json_(args.flag("json")), command_(command) {
  auto db = args.value("db");
  auto config_file = args.value("config");
  if (db && config_file) throw UsageError("give --db or --config, not both");
  std::string config;
  if (config_file) {
    config = read_input(*config_file);
    // reclaimd's own file ({"engine": {…}, "http": …}) names the engine's configuration inside.
    Json whole;
    std::string ignored;
    if (parse_json(config, whole, ignored)) {
      if (const Json *engine = whole.get("engine"); engine != nullptr && !engine->raw.empty()) {
        config = engine->raw;
      }
    }
  } else {
    const char *env = std::getenv("RECLAIM_DATABASE");
    if (!db && (env == nullptr || *env == 0))
      throw UsageError("no database: give --db PATH|URI or set RECLAIM_DATABASE");
    config = config_for_database(db ? *db : std::string(env));
    // Without the shops' settings the engine runs one shop with no legal rules and in UTC: fine
    // for reading, misleading for deadlines, decisions and reports.
    static const char *kShopSensitive[] = {"case open", "case act", "tick", "report",
                                           "eligibility", "policy get", "messages preview"};
    for (const char *name : kShopSensitive) {
      if (command == name) {
        std::cerr << "reclaimctl: note: --db alone knows no shop settings (jurisdiction, time "
                     "zone, currency): deadlines and dates follow no law and UTC. Give --config "
                     "with reclaimd's or your engine's configuration file for the shop's own.\n";
        break;
      }
    }
  }
  if (reclaim_abi_version() < RECLAIM_ABI_VERSION)
    throw ToolError("libreclaim has ABI " + std::to_string(reclaim_abi_version()) +
                    ", this tool needs " + std::to_string(RECLAIM_ABI_VERSION));
  char *out = nullptr;
  int status = reclaim_open(config.c_str(), &engine_, &out);
  Json doc = take("open the database", status, out);
  opened_ = doc.raw;
}

Session::~Session() { reclaim_close(engine_); }

void Session::report(const char *what, int status, const std::string &doc) const {
  std::string message, field;
  Json parsed;
  std::string ignored;
  if (parse_json(doc, parsed, ignored)) {
    if (const Json *m = parsed.at("error.message")) message = m->cell();
    if (const Json *f = parsed.at("error.field")) field = f->cell();
  }
  std::cerr << "reclaimctl: " << command_ << ": ";
  if (*what != 0) std::cerr << what << ": ";
  std::cerr << reclaim_status_name(status);
  if (!message.empty()) std::cerr << ": " << message;
  if (!field.empty()) std::cerr << " (field: " << field << ")";
  std::cerr << "\n";
  if (json_ && !doc.empty()) std::cout << doc << "\n" << std::flush;
}

bool Session::take_soft(const char *what, int status, char *out, Json &result) {
  std::string text = out != nullptr ? out : "";
  reclaim_free(out);
  if (status != RECLAIM_OK) {
    report(what, status, text);
    return false;
  }
  std::string error;
  if (!parse_json(text, result, error)) {
    report(what, RECLAIM_INTERNAL,
           "{\"error\":{\"message\":" + quote_json("the library answered invalid JSON: " + error) +
               "}}");
    throw StatusError{RECLAIM_INTERNAL};
  }
  return true;
}

Json Session::take(const char *what, int status, char *out) {
  Json result;
  if (!take_soft(what, status, out, result)) throw StatusError{status};
  return result;
}

void Session::print_document(const Json &doc) const {
  std::cout << (json_ ? doc.raw : pretty_json(doc)) << "\n";
}

}  // namespace reclaimctl
