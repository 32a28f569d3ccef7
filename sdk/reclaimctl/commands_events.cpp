// events: read the outbox after a cursor, once or following new events.
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {
namespace {

std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) { stop_requested = true; }

long long load_cursor(const std::string &path) {
  std::ifstream in(path);
  if (!in) return 0;  // no cursor yet: from the beginning
  long long seq = 0;
  if (!(in >> seq) || seq < 0) throw ToolError("the cursor file " + path + " holds no number");
  return seq;
}

void save_cursor(const std::string &path, long long seq) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!(out << seq << "\n") || !out.flush()) throw ToolError("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw ToolError("cannot write " + path);
}

// A one-line summary of an event's data for the table.
std::string summary(const Json &event) {
  const Json *data = event.get("data");
  if (data == nullptr) return "";
  std::string text;
  if (const Json *a = data->get("action")) text += a->cell();
  if (const Json *from = data->get("from"); from && data->get("to"))
    text += (text.empty() ? "" : " ") + from->cell() + " → " + data->get("to")->cell();
  if (const Json *m = data->get("message"); m && m->kind == Json::Kind::string)
    text += (text.empty() ? "" : ": ") + m->text;
  return text;
}

}  // namespace

int run_events(Session &s, const Args &args) {
  auto cursor_file = args.value("cursor-file");
  auto after_option = args.integer("after", 0, 9007199254740991LL);
  if (cursor_file && after_option) throw UsageError("give --after or --cursor-file, not both");
  long long after = after_option.value_or(cursor_file ? load_cursor(*cursor_file) : 0);
  long long limit = args.integer("limit", 1, 1000).value_or(100);
  long long interval = args.integer("interval", 10, 3600000).value_or(1000);
  bool follow = args.flag("follow");
  if (follow) {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
  }
  std::string filters;
  if (auto v = args.value("shop")) filters += ",\"shop\":" + quote_json(*v);
  if (auto v = args.value("case")) filters += ",\"case_id\":" + quote_json(*v);

  bool header_printed = false;
  long long delivered = 0;
  while (!stop_requested) {
    std::string query = "{\"after\":" + std::to_string(after) +
                        ",\"limit\":" + std::to_string(limit) + filters + "}";
    char *out = nullptr;
    int status = reclaim_events_read(s.engine(), query.c_str(), &out);
    Json page = s.take("", status, out);
    const Json *events = page.get("events");
    Table table({"SEQ", "AT", "TYPE", "CASE", "SHOP", "WHAT"});
    if (events != nullptr)
      for (const Json &e : events->items) {
        ++delivered;
        if (s.json()) {
          std::cout << e.raw << "\n";
          continue;
        }
        auto m = [&](const char *k) { return e.get(k) ? e.get(k)->cell() : "-"; };
        table.add({m("seq"), m("at"), m("type"), m("case_number"), m("shop"), summary(e)});
      }
    if (!table.empty()) {
      // With --follow each page is its own table; the heading is printed once.
      std::ostringstream text;
      table.print(text, 60);
      std::string lines = text.str();
      if (header_printed) lines.erase(0, lines.find('\n') + 1);
      std::cout << lines;
      header_printed = true;
    }
    std::cout << std::flush;
    const Json *next = page.get("next");
    long long next_seq = next && next->kind == Json::Kind::number ? std::stoll(next->text) : after;
    bool moved = next_seq > after;
    after = std::max(after, next_seq);
    // The cursor moves only after the page was printed: a crash repeats events, loses none.
    if (cursor_file && moved) save_cursor(*cursor_file, after);
    if (moved) continue;
    if (!follow) break;
    for (long long waited = 0; waited < interval && !stop_requested; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!s.json()) {
    if (delivered == 0 && !follow) std::cout << "no events after " << after << "\n";
    std::cerr << "next cursor: " << after << "\n";
  }
  return kExitOk;
}

}  // namespace reclaimctl
