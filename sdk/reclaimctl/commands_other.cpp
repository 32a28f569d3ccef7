// info, tick, policy, eligibility, payload.
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {
namespace {

// Prints a document (raw with --json, indented otherwise) and succeeds.
int print(Session &s, const char *what, int status, char *out) {
  s.print_document(s.take(what, status, out));
  return kExitOk;
}

// The policy functions name their shop always.
const char *shop_or_default(const Args &args) {
  auto it = args.options.find("shop");
  return it != args.options.end() && !it->second.empty() ? it->second.back().c_str() : "default";
}

std::string request_from(const Args &args, size_t index) {
  return read_input(args.positional.size() > index ? args.positional[index] : "-");
}

}  // namespace

int run_info(Session &s, const Args &) {
  Json opened;
  std::string error;
  parse_json(s.opened(), opened, error);
  if (s.json()) {
    std::cout << s.opened() << "\n";
    return kExitOk;
  }
  auto m = [&](const char *k) { return opened.get(k) ? opened.get(k)->cell() : "-"; };
  std::cout << "library   " << reclaim_version() << " (ABI " << reclaim_abi_version()
            << "; reclaimctl built for ABI " << RECLAIM_ABI_VERSION << ")\n"
            << "database  " << m("database") << ", schema " << m("schema") << "\n"
            << "clock     " << m("clock") << "\n"
            << "shops    ";
  if (const Json *shops = opened.get("shops"))
    for (const Json &shop : shops->items) std::cout << " " << shop.cell();
  std::cout << "\n";
  return kExitOk;
}

int run_tick(Session &s, const Args &) {
  char *out = nullptr;
  int status = reclaim_tick(s.engine(), &out);
  return print(s, "", status, out);
}

int run_policy_get(Session &s, const Args &args) {
  char *out = nullptr;
  int status = reclaim_policy_get(s.engine(), shop_or_default(args), &out);
  return print(s, "", status, out);
}

int run_policy_set(Session &s, const Args &args) {
  std::string policy = request_from(args, 0);
  char *out = nullptr;
  int status = reclaim_policy_set(s.engine(), shop_or_default(args), policy.c_str(), &out);
  return print(s, "", status, out);
}

int run_eligibility(Session &s, const Args &args) {
  std::string request = request_from(args, 0);
  char *out = nullptr;
  int status = reclaim_eligibility_check(s.engine(), request.c_str(), &out);
  return print(s, "", status, out);
}

int run_payload(Session &s, const Args &args) {
  auto adapter = args.value("adapter");
  if (!adapter) throw UsageError("--adapter is required (the host whose request to render)");
  char *out = nullptr;
  int status = reclaim_host_payload(s.engine(), args.positional[0].c_str(), adapter->c_str(), &out);
  return print(s, "", status, out);
}

}  // namespace reclaimctl
