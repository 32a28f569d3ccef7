// messages: the outbox of mails and webhook posts: list them, send again, preview a template.
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {

int run_messages_list(Session &s, const Args &args) {
  std::string query = "{\"after\":" + std::to_string(args.integer("after", 0, 9007199254740991LL).value_or(0)) +
                      ",\"limit\":" + std::to_string(args.integer("limit", 1, 1000).value_or(100));
  if (auto v = args.value("shop")) query += ",\"shop\":" + quote_json(*v);
  if (auto v = args.value("status")) query += ",\"status\":" + quote_json(*v);
  if (args.flag("webhooks")) query += ",\"channel\":\"webhook\"";
  query += "}";
  char *out = nullptr;
  const int status = reclaim_messages_read(s.engine(), query.c_str(), &out);
  Json page = s.take("", status, out);
  if (s.json()) {
    std::cout << page.raw << "\n";
    return kExitOk;
  }
  Table table({"ID", "CASE", "TO", "TEMPLATE", "STATUS", "TRIES", "SUBJECT / ERROR"});
  if (const Json *messages = page.get("messages")) {
    for (const Json &m : messages->items) {
      auto cell = [&](const char *k) { return m.get(k) ? m.get(k)->cell() : "-"; };
      const std::string last = m.get("error") ? cell("error") : cell("subject");
      table.add({cell("id"), cell("case_number"), cell("to"),
                 m.get("template") && !m.get("template")->text.empty() ? cell("template")
                                                                        : cell("event_type"),
                 cell("status"), cell("attempts"), last});
    }
  }
  if (table.empty()) {
    std::cout << "no messages\n";
  } else {
    table.print(std::cout, 60);
  }
  if (const Json *next = page.get("next")) std::cerr << "next cursor: " << next->cell() << "\n";
  return kExitOk;
}

int run_messages_retry(Session &s, const Args &args) {
  std::string ids;
  for (const auto &id : args.positional) ids += (ids.empty() ? "" : ",") + quote_json(id);
  const std::string ack = "{\"ids\":[" + ids + "],\"result\":\"retry\"}";
  char *out = nullptr;
  const int status = reclaim_messages_ack(s.engine(), ack.c_str(), &out);
  Json answer = s.take("", status, out);
  if (s.json()) {
    std::cout << answer.raw << "\n";
  } else {
    std::cout << "queued again: " << (answer.get("changed") ? answer.get("changed")->cell() : "0")
              << " message(s); the sender of a running reclaimd (delivery enabled) sends them\n";
  }
  return kExitOk;
}

int run_messages_preview(Session &s, const Args &args) {
  const auto case_ref = args.value("case");
  if (!case_ref) throw UsageError("give the case: --case NUMBER");
  std::string request = "{\"template\":" + quote_json(args.positional.at(0)) +
                        ",\"case\":" + quote_json(*case_ref);
  if (auto locale = args.value("locale")) request += ",\"locale\":" + quote_json(*locale);
  request += "}";
  char *out = nullptr;
  const int status = reclaim_message_preview(s.engine(), request.c_str(), &out);
  Json preview = s.take("", status, out);
  const auto field = [&](const char *key) { return preview.get(key) ? preview.get(key)->text : ""; };
  if (s.json()) {
    std::cout << preview.raw << "\n";
  } else if (args.flag("html")) {
    std::cout << field("html");
  } else {
    std::cout << "To: " << field("to") << "\nSubject: " << field("subject") << "\n\n"
              << field("text");
    if (!field("text").ends_with('\n')) std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace reclaimctl
