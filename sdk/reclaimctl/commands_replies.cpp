// replies: a shop's canned replies for the staff desk: list, add (or replace), remove, and
// show one filled in for a case.
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {

namespace {

Json replies_call(Session &s, const std::string &request) {
  char *out = nullptr;
  const int status = reclaim_canned_replies(s.engine(), request.c_str(), &out);
  return s.take("", status, out);
}

std::string shop_member(const Args &args) {
  return "\"shop\":" + quote_json(args.value("shop").value_or("default"));
}

}  // namespace

int run_replies_list(Session &s, const Args &args) {
  std::string request = "{\"op\":\"list\"," + shop_member(args);
  if (auto v = args.value("locale")) request += ",\"locale\":" + quote_json(*v);
  if (auto v = args.value("reason")) request += ",\"reason\":" + quote_json(*v);
  const Json answer = replies_call(s, request + "}");
  if (s.json()) {
    std::cout << answer.raw << "\n";
    return kExitOk;
  }
  Table table({"ID", "LOCALE", "REASON", "TITLE", "TEXT", "UPDATED"});
  if (const Json *replies = answer.get("replies")) {
    for (const Json &r : replies->items) {
      auto cell = [&](const char *k) { return r.get(k) ? r.get(k)->cell() : "-"; };
      std::string text = cell("body");
      for (char &c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      }
      table.add({cell("id"), cell("locale"), r.get("reason") && !r.get("reason")->is_null()
                                                 ? cell("reason")
                                                 : "any",
                 cell("title"), text, cell("updated_at")});
    }
  }
  if (table.empty()) {
    std::cout << "no canned replies\n";
  } else {
    table.print(std::cout);
  }
  return kExitOk;
}

int run_replies_add(Session &s, const Args &args) {
  const std::string body = read_input(args.positional.empty() ? "-" : args.positional[0]);
  std::string reply = "{\"locale\":" + quote_json(args.value("locale").value_or("")) +
                      ",\"title\":" + quote_json(args.value("title").value_or("")) +
                      ",\"body\":" + quote_json(body);
  if (auto v = args.value("reason")) reply += ",\"reason\":" + quote_json(*v);
  if (auto v = args.value("id")) reply += ",\"id\":" + quote_json(*v);
  const Json answer =
      replies_call(s, "{\"op\":\"save\"," + shop_member(args) + ",\"reply\":" + reply + "}}");
  if (s.json()) {
    std::cout << answer.raw << "\n";
  } else if (const Json *saved = answer.get("reply")) {
    std::cout << "saved " << (saved->get("id") ? saved->get("id")->cell() : "-") << "\n";
  }
  return kExitOk;
}

int run_replies_remove(Session &s, const Args &args) {
  const Json answer = replies_call(
      s, "{\"op\":\"remove\"," + shop_member(args) + ",\"id\":" + quote_json(args.positional[0]) + "}");
  if (s.json()) {
    std::cout << answer.raw << "\n";
  } else {
    std::cout << "removed " << args.positional[0] << "\n";
  }
  return kExitOk;
}

int run_replies_show(Session &s, const Args &args) {
  const auto ref = args.value("case");
  if (!ref) throw UsageError("replies show needs --case");
  std::string request = "{\"op\":\"render\",\"case\":" + quote_json(*ref) +
                        ",\"id\":" + quote_json(args.positional[0]);
  if (auto v = args.value("locale")) request += ",\"locale\":" + quote_json(*v);
  const Json answer = replies_call(s, request + "}");
  if (s.json()) {
    std::cout << answer.raw << "\n";
  } else {
    std::cout << (answer.get("text") ? answer.get("text")->text : "") << "\n";
  }
  return kExitOk;
}

}  // namespace reclaimctl
