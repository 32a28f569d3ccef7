// staff: the desk's password accounts (reclaimd's): add, passwd, remove, disable, enable, list.
#include <iostream>

#include "commands.hpp"
#include "password.hpp"
#include "table.hpp"

namespace reclaimctl {

namespace {

// Runs one reclaim_staff_account request; the password, when there is one, is wiped after.
Json account_call(Session &s, std::string request) {
  char *out = nullptr;
  const int status = reclaim_staff_account(s.engine(), request.c_str(), &out);
  forget(request);
  return s.take("", status, out);
}

std::string account_state(const Json &account) {
  if (const Json *disabled = account.get("disabled"); disabled && disabled->text == "true") {
    return "disabled";
  }
  if (const Json *locked = account.get("locked_until"); locked && !locked->is_null()) {
    return "locked until " + locked->cell();
  }
  return "active";
}

std::string shops_list(const Json &account) {
  std::string shops;
  if (const Json *list = account.get("shops")) {
    for (const Json &shop : list->items) shops += (shops.empty() ? "" : ",") + shop.cell();
  }
  return shops;
}

// The JSON array of a comma-separated list ("a, b" → ["a","b"]).
std::string json_list(const std::string &text) {
  std::string items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string word = text.substr(start, comma - start);
    const auto first = word.find_first_not_of(" \t");
    const auto last = word.find_last_not_of(" \t");
    word = first == std::string::npos ? "" : word.substr(first, last - first + 1);
    if (!word.empty()) items += (items.empty() ? "" : ",") + quote_json(word);
    start = comma + 1;
  }
  return "[" + items + "]";
}

int print_account(Session &s, const Json &answer, const std::string &done) {
  if (s.json()) {
    std::cout << answer.raw << "\n";
    return kExitOk;
  }
  const Json *account = answer.get("account");
  std::cout << done;
  if (account != nullptr) {
    std::cout << " " << account->get("id")->cell() << " (" << account->get("role")->cell()
              << "; shops " << shops_list(*account) << "; " << account_state(*account) << ")";
  }
  const Json *ended = answer.get("sessions_ended");
  if (ended != nullptr && ended->text != "0") std::cout << "; sessions ended: " << ended->cell();
  std::cout << "\n";
  return kExitOk;
}

}  // namespace

int run_staff_add(Session &s, const Args &args) {
  const std::string &id = args.positional[0];
  std::string staff = "{\"id\":" + quote_json(id) +
                      ",\"role\":" + quote_json(args.value("role").value_or("agent")) +
                      ",\"shops\":" + json_list(args.value("shops").value_or("default"));
  if (auto name = args.value("name")) staff += ",\"name\":" + quote_json(*name);
  if (auto locale = args.value("locale")) staff += ",\"locale\":" + quote_json(*locale);
  staff += "}";
  std::string password = read_new_password(id);
  std::string request =
      "{\"op\":\"add\",\"staff\":" + staff + ",\"password\":" + quote_json(password) + "}";
  forget(password);
  return print_account(s, account_call(s, std::move(request)), "added");
}

int run_staff_passwd(Session &s, const Args &args) {
  const std::string &id = args.positional[0];
  std::string password = read_new_password(id);
  std::string request =
      "{\"op\":\"passwd\",\"id\":" + quote_json(id) + ",\"password\":" + quote_json(password) + "}";
  forget(password);
  return print_account(s, account_call(s, std::move(request)), "new password for");
}

int run_staff_remove(Session &s, const Args &args) {
  const Json answer =
      account_call(s, "{\"op\":\"remove\",\"id\":" + quote_json(args.positional[0]) + "}");
  return print_account(s, answer, "removed " + args.positional[0]);
}

int run_staff_disable(Session &s, const Args &args) {
  const Json answer =
      account_call(s, "{\"op\":\"disable\",\"id\":" + quote_json(args.positional[0]) + "}");
  return print_account(s, answer, "disabled");
}

int run_staff_enable(Session &s, const Args &args) {
  const Json answer =
      account_call(s, "{\"op\":\"enable\",\"id\":" + quote_json(args.positional[0]) + "}");
  return print_account(s, answer, "enabled");
}

int run_staff_list(Session &s, const Args &) {
  const Json answer = account_call(s, "{\"op\":\"list\"}");
  if (s.json()) {
    std::cout << answer.raw << "\n";
    return kExitOk;
  }
  Table table({"LOGIN", "NAME", "ROLE", "SHOPS", "LOCALE", "STATE", "CHANGED"});
  if (const Json *accounts = answer.get("accounts")) {
    for (const Json &a : accounts->items) {
      auto cell = [&](const char *k) { return a.get(k) ? a.get(k)->cell() : "-"; };
      table.add({cell("id"), cell("name"), cell("role"), shops_list(a), cell("locale"),
                 account_state(a), cell("changed_at")});
    }
  }
  if (table.empty()) {
    std::cout << "no staff accounts\n";
  } else {
    table.print(std::cout);
  }
  return kExitOk;
}

}  // namespace reclaimctl
