// reclaimd: a standalone host for Reclaim's web pages. Opens an engine from a configuration
// file, imports order files, starts the HTTP endpoint and serves until SIGTERM or SIGINT.
//
//   reclaimd [--console] CONFIG.json
//
// --console reads staff commands from standard input, one per line, and answers each with one
// line ("ok {…}" or "error {…}"):  act CASE_REF ACTION_JSON   |   get CASE_REF   |
// link STAFF_LINK_JSON (a one-time desk link)   |   policy SHOP POLICY_JSON
// (for demos and tests that need an agent's side without an admin panel).
// Staff sign in at BASE/staff/login with the accounts `reclaimctl staff add` makes in the same
// database (docs/STAFF.md, section 6).
//
// CONFIG: {"engine": {…reclaim_open configuration…}, "http": {…reclaim_http_start options…},
//          "orders": ["orders.json", …], "shop": "default",
//          "inbound": {"maildir": "/var/mail/returns", "interval_s": 5},
//          "staff_link": {"staff": {"id": "demo", "role": "supervisor", "shops": ["default"]},
//                         "ttl_s": 600}}
// With "staff_link", reclaimd prints a one-time sign-in link to the staff desk once it serves
// (the request of reclaim_staff_link).
// With "inbound", every interval_s seconds (5 by default) each message in the Maildir's new/ is
// given to reclaim_message_inbound and then moved to cur/ (flagged seen, ":2,S"), taken or
// refused; a message the engine could not take for now (busy, storage) stays in new/ for the
// next round. Feed the Maildir only with mail your MTA checked (SPF, DKIM, DMARC).
// Each orders file holds one order document (adapter "reclaim") or an array of them; relative
// paths are read from the configuration file's directory. Uses the public C ABI only.
#include <reclaim/reclaim.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace json = boost::json;

namespace {

std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Takes ownership of a string the library returned.
std::string take(char *text) {
  std::string out = text ? text : "";
  reclaim_free(text);
  return out;
}

int import_orders(reclaim_engine *engine, const std::string &shop, const json::value &orders,
                  std::string &first_order, std::string &first_email) {
  int count = 0;
  const auto one = [&](const json::value &order) {
    char *out = nullptr;
    const std::string text = json::serialize(order);
    const int rc = reclaim_order_import(engine, shop.c_str(), "reclaim", text.c_str(), &out);
    const std::string answer = take(out);
    if (rc != RECLAIM_OK) throw std::runtime_error("order import failed: " + answer);
    if (first_order.empty()) {
      first_order = std::string(order.at("number").as_string());
      first_email = std::string(order.at("customer").at("email").as_string());
    }
    ++count;
  };
  if (orders.is_array()) {
    for (const auto &order : orders.as_array()) one(order);
  } else {
    one(orders);
  }
  return count;
}

std::string base64(const std::string &bytes) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 63];
  }
  if (bytes.size() - i == 1) {
    const unsigned v = byte(i) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// The Maildir reader: new/ → reclaim_message_inbound → cur/.
struct MaildirReader {
  reclaim_engine *engine = nullptr;
  std::string shop;
  std::filesystem::path maildir;
  int interval_s = 5;
  std::mutex mutex;
  std::condition_variable wakeup;
  bool stopping = false;

  void round() {
    std::error_code error;
    std::vector<std::filesystem::path> found;
    for (const auto &entry : std::filesystem::directory_iterator(maildir / "new", error)) {
      if (entry.is_regular_file(error)) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    for (const auto &path : found) {
      std::string bytes;
      try {
        bytes = read_file(path);
      } catch (const std::exception &) {
        continue;  // taken by another reader meanwhile
      }
      const std::string request =
          json::serialize(json::object{{"shop", shop}, {"raw_base64", base64(bytes)}});
      char *out = nullptr;
      const int rc = reclaim_message_inbound(engine, request.c_str(), &out);
      const std::string answer = take(out);
      if (rc == RECLAIM_BUSY || rc == RECLAIM_STORAGE || rc == RECLAIM_INTERNAL) {
        std::fprintf(stderr, "reclaimd: %s stays in new/ (%s)\n", path.filename().c_str(),
                     answer.c_str());
        continue;
      }
      std::printf("inbound %s: %s %s\n", path.filename().c_str(),
                  rc == RECLAIM_OK ? "ok" : "refused", answer.c_str());
      std::fflush(stdout);
      std::string name = path.filename().string();
      if (name.find(":2,") == std::string::npos) name += ":2,S";
      std::filesystem::rename(path, maildir / "cur" / name, error);
    }
  }

  void run() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      lock.unlock();
      round();
      lock.lock();
      wakeup.wait_for(lock, std::chrono::seconds(interval_s), [&] { return stopping; });
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wakeup.notify_all();
  }
};

// The console's engine: guarded so that shutting down never races a command in progress.
std::mutex console_mutex;
reclaim_engine *console_engine = nullptr;

void run_console() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string command, ref;
    words >> command >> ref;
    std::string rest;
    std::getline(words, rest);
    std::lock_guard lock(console_mutex);
    if (!console_engine) return;
    char *out = nullptr;
    int rc = RECLAIM_INVALID_ARGUMENT;
    if (command == "act") {
      rc = reclaim_case_act(console_engine, ref.c_str(), rest.c_str(), &out);
    } else if (command == "get") {
      rc = reclaim_case_get(console_engine, ref.c_str(), &out);
    } else if (command == "link") {
      const std::string request = ref + rest;
      rc = reclaim_staff_link(console_engine, request.c_str(), &out);
    } else if (command == "policy") {
      rc = reclaim_policy_set(console_engine, ref.c_str(), rest.c_str(), &out);
    }
    const std::string answer = out ? take(out) : "{\"error\":{\"code\":\"unknown_command\"}}";
    std::printf("%s %s\n", rc == RECLAIM_OK ? "ok" : "error", answer.c_str());
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char **argv) {
  const bool console = argc == 3 && std::string(argv[1]) == "--console";
  if (argc != 2 && !console) {
    std::fprintf(stderr, "usage: %s [--console] CONFIG.json\n", argv[0]);
    return 2;
  }
  // Block the stop signals before any thread starts: every thread inherits the mask, and the
  // main thread alone waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  reclaim_engine *engine = nullptr;
  try {
    const std::filesystem::path config_path = argv[argc - 1];
    const json::value config = json::parse(read_file(config_path));
    const json::object &root = config.as_object();
    const std::string shop =
        root.contains("shop") ? std::string(root.at("shop").as_string()) : "default";

    char *out = nullptr;
    const std::string engine_config = json::serialize(root.at("engine"));
    if (reclaim_open(engine_config.c_str(), &engine, &out) != RECLAIM_OK) {
      throw std::runtime_error("cannot open the engine: " + take(out));
    }
    take(out);

    std::string first_order, first_email;
    int imported = 0;
    if (const auto *files = root.if_contains("orders")) {
      for (const auto &file : files->as_array()) {
        std::filesystem::path path(std::string(file.as_string()));
        if (path.is_relative()) path = config_path.parent_path() / path;
        imported +=
            import_orders(engine, shop, json::parse(read_file(path)), first_order, first_email);
      }
    }

    const std::string options =
        root.contains("http") ? json::serialize(root.at("http")) : std::string("{}");
    if (reclaim_http_start(engine, options.c_str(), &out) != RECLAIM_OK) {
      throw std::runtime_error("cannot start the HTTP endpoint: " + take(out));
    }
    const json::value started = json::parse(take(out));
    std::printf("reclaimd %s serving %s\n", reclaim_version(),
                std::string(started.at("url").as_string()).c_str());
    if (imported > 0) {
      std::printf("%d order(s) imported. Try order %s with e-mail %s\n", imported,
                  first_order.c_str(), first_email.c_str());
    }
    if (const auto *link = root.if_contains("staff_link")) {
      // A one-time sign-in to the staff desk, for demos and first steps (docs/STAFF.md).
      const std::string request = json::serialize(*link);
      if (reclaim_staff_link(engine, request.c_str(), &out) != RECLAIM_OK) {
        throw std::runtime_error("cannot make the staff link: " + take(out));
      }
      const json::value made = json::parse(take(out));
      std::string base(started.at("url").as_string());
      while (!base.empty() && base.back() == '/') base.pop_back();
      std::printf("Staff desk (a one-time link, until %s): %s%s\n",
                  std::string(made.at("expires_at").as_string()).c_str(), base.c_str(),
                  std::string(made.at("path").as_string()).c_str());
    }
    std::printf("Stop with Ctrl-C or SIGTERM.\n");
    std::fflush(stdout);

    MaildirReader reader;
    std::thread reading;
    if (const auto *inbound = root.if_contains("inbound")) {
      reader.engine = engine;
      reader.shop = shop;
      reader.maildir = std::string(inbound->at("maildir").as_string());
      if (reader.maildir.is_relative()) reader.maildir = config_path.parent_path() / reader.maildir;
      if (const auto *interval = inbound->as_object().if_contains("interval_s")) {
        reader.interval_s = std::max(1, static_cast<int>(interval->to_number<double>()));
      }
      for (const char *sub : {"new", "cur", "tmp"}) {
        std::filesystem::create_directories(reader.maildir / sub);
      }
      std::printf("reading mail from %s every %d s\n", reader.maildir.c_str(), reader.interval_s);
      std::fflush(stdout);
      reading = std::thread([&] { reader.run(); });
    }

    if (console) {
      console_engine = engine;
      std::thread(run_console).detach();  // ends with the process; it never outlives the engine
    }
    int received = 0;
    sigwait(&stop_signals, &received);
    std::printf("stopping (signal %d)\n", received);
    std::fflush(stdout);
    if (reading.joinable()) {
      reader.stop();
      reading.join();
    }
    std::lock_guard lock(console_mutex);
    console_engine = nullptr;
    reclaim_http_stop(engine);
    reclaim_close(engine);
    return 0;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "reclaimd: %s\n", error.what());
    reclaim_close(engine);
    return 1;
  }
}
