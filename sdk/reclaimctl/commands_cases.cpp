// case list, case show, case open, case act.
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {
namespace {

std::string member(const Json &doc, const char *path) {
  const Json *v = doc.at(path);
  return v ? v->cell() : "-";
}

std::string money(const Json *m) {
  if (m == nullptr || m->is_null()) return "-";
  if (m->get("amount")) return member(*m, "amount") + " " + member(*m, "currency");
  return m->cell();
}

std::string actor(const Json *a) {
  if (a == nullptr || a->is_null()) return "-";
  std::string id = member(*a, "id");
  return member(*a, "role") + (id == "-" || id.empty() ? "" : ":" + id);
}

void print_case(const Json &c) {
  std::cout << "Case " << member(c, "number") << "  (" << member(c, "id") << ")\n";
  Table fields({"FIELD", "VALUE"});
  const char *scalars[] = {"shop",
                           "kind",
                           "state",
                           "version",
                           "channel",
                           "order_id",
                           "customer.email",
                           "customer.name",
                           "assignee",
                           "priority",
                           "escalated",
                           "created_at",
                           "updated_at",
                           "deadlines.decision_due",
                           "deadlines.resolution_due",
                           "deadlines.basis",
                           "preferred_resolution",
                           "description"};
  for (const char *f : scalars)
    if (c.at(f) != nullptr) fields.add({f, member(c, f)});
  if (const Json *tags = c.get("tags"); tags && !tags->items.empty())
    fields.add({"tags", tags->raw});
  if (const Json *r = c.get("rating"); r && !r->is_null())
    fields.add({"rating", member(*r, "score") + " " + member(*r, "comment")});
  fields.print(std::cout, 72);

  std::cout << "\nItems\n";
  Table items({"ITEM", "LINE", "SKU", "NAME", "QTY", "UNIT PRICE", "REASON", "DECISION"});
  if (const Json *list = c.get("items"))
    for (const Json &i : list->items) {
      std::string decision = member(i, "decision.outcome");
      if (const Json *t = i.at("decision.resolution.type")) decision += " (" + t->cell() + ")";
      items.add({member(i, "item"), member(i, "line"), member(i, "sku"), member(i, "name"),
                 member(i, "qty"), money(i.get("unit_price")), member(i, "reason"), decision});
    }
  items.print(std::cout);

  if (const Json *history = c.get("history")) {
    std::cout << "\nHistory\n";
    Table rows({"AT", "ACTOR", "ACTION", "FROM", "TO", "SAID (* internal) / FILES"});
    for (const Json &h : history->items) {
      // What was said, from whichever of the entry's text fields it has, and the files' ids.
      std::string said;
      for (const char *key : {"data.message", "data.reason", "data.instructions",
                              "data.explanation", "data.reference"}) {
        if (const Json *text = h.at(key); text != nullptr && !text->text.empty()) {
          said = text->text;
          break;
        }
      }
      if (const Json *files = h.at("data.attachments"); files != nullptr && !files->items.empty()) {
        std::string ids;
        for (const Json &id : files->items) ids += (ids.empty() ? "" : " ") + id.cell();
        said += (said.empty() ? "" : " ") + std::string("[files: ") + ids + "]";
      }
      const Json *visible = h.get("customer_visible");
      if (!said.empty() && visible != nullptr && visible->text == "false") said = "* " + said;
      rows.add({member(h, "at"), actor(h.get("actor")), member(h, "action"), member(h, "from"),
                member(h, "to"), said.empty() ? "-" : said});
    }
    rows.print(std::cout, 60);
  }
}

// Adds `"key":value` to an object being built.
void add(std::string &doc, const std::string &key, const std::string &json_value) {
  doc += (doc.size() > 1 ? "," : "") + quote_json(key) + ":" + json_value;
}

// "KEY=VALUE" split at the first '='.
std::pair<std::string, std::string> key_value(const std::string &option, const std::string &text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError("--" + option + " expects KEY=VALUE, not '" + text + "'");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace

int run_case_list(Session &s, const Args &args) {
  std::string query = "{";
  if (auto v = args.value("shop")) add(query, "shop", quote_json(*v));
  auto states = args.values("state");
  if (states.size() == 1) add(query, "state", quote_json(states[0]));
  if (states.size() > 1) {
    std::string list = "[";
    for (size_t i = 0; i < states.size(); ++i) list += (i ? "," : "") + quote_json(states[i]);
    add(query, "state", list + "]");
  }
  const std::pair<const char *, const char *> strings[] = {
      {"kind", "kind"},      {"assignee", "assignee"}, {"email", "customer_email"},
      {"order", "order_id"}, {"from", "created_from"}, {"to", "created_to"},
      {"sort", "sort"}};
  for (const auto &[option, key] : strings)
    if (auto v = args.value(option)) add(query, key, quote_json(*v));
  if (args.flag("overdue")) add(query, "overdue", "true");
  if (auto limit = args.integer("limit", 1, 500)) add(query, "limit", std::to_string(*limit));
  std::string base = query;
  std::optional<std::string> cursor = args.value("cursor");

  Table table({"NUMBER", "STATE", "KIND", "ORDER", "CUSTOMER", "ITEMS", "CREATED", "ID"});
  for (;;) {
    std::string q = base;
    if (cursor) add(q, "cursor", quote_json(*cursor));
    q += "}";
    char *out = nullptr;
    int status = reclaim_case_list(s.engine(), q.c_str(), &out);
    Json page = s.take("", status, out);
    const Json *next = page.get("next_cursor");
    if (s.json()) {
      std::cout << page.raw << "\n";
    } else if (const Json *cases = page.get("cases")) {
      for (const Json &c : cases->items)
        table.add({member(c, "number"), member(c, "state"), member(c, "kind"),
                   member(c, "order_id"), member(c, "customer.email"),
                   std::to_string(c.get("items") ? c.get("items")->items.size() : 0),
                   member(c, "created_at"), member(c, "id")});
    }
    bool more = next != nullptr && next->kind == Json::Kind::string;
    if (!more || !args.flag("all")) {
      if (!s.json()) {
        if (table.empty())
          std::cout << "no cases\n";
        else
          table.print(std::cout);
        if (more) std::cerr << "more: --cursor " << next->text << " (or --all)\n";
      }
      return kExitOk;
    }
    cursor = next->text;
  }
}

int run_case_show(Session &s, const Args &args) {
  char *out = nullptr;
  int status = reclaim_case_get(s.engine(), args.positional[0].c_str(), &out);
  Json c = s.take("", status, out);
  if (s.json())
    s.print_document(c);
  else
    print_case(c);
  return kExitOk;
}

int run_case_open(Session &s, const Args &args) {
  std::string request = read_input(args.positional.empty() ? "-" : args.positional[0]);
  char *out = nullptr;
  int status = reclaim_case_open(s.engine(), request.c_str(), &out);
  Json c = s.take("", status, out);
  if (s.json())
    s.print_document(c);
  else
    std::cout << "case " << member(c, "number") << " (" << member(c, "id") << ") "
              << member(c, "state") << ", version " << member(c, "version") << "\n";
  return kExitOk;
}

int run_case_act(Session &s, const Args &args) {
  std::string body = "{";
  add(body, "action", quote_json(args.positional[1]));
  std::string as = args.value("as").value_or("agent");
  auto colon = as.find(':');
  std::string actor_doc = "{\"role\":" + quote_json(as.substr(0, colon));
  if (colon != std::string::npos) actor_doc += ",\"id\":" + quote_json(as.substr(colon + 1));
  add(body, "actor", actor_doc + "}");
  if (auto v = args.integer("expected-version", 1, 9007199254740991LL))
    add(body, "expected_version", std::to_string(*v));
  if (auto v = args.value("idempotency-key")) add(body, "idempotency_key", quote_json(*v));
  if (auto file = args.value("body")) {
    Json extra;
    std::string error;
    if (!parse_json(read_input(*file), extra, error) || extra.kind != Json::Kind::object)
      throw UsageError("--body must be a JSON object: " +
                       (error.empty() ? "not an object" : error));
    for (const auto &[key, value] : extra.members) add(body, key, value.raw);
  }
  for (const std::string &text : args.values("set")) {
    auto [key, value] = key_value("set", text);
    add(body, key, quote_json(value));
  }
  for (const std::string &text : args.values("set-json")) {
    auto [key, value] = key_value("set-json", text);
    Json parsed;
    std::string error;
    if (!parse_json(value, parsed, error))
      throw UsageError("--set-json " + key + ": not JSON (" + error + ")");
    add(body, key, parsed.raw);
  }
  body += "}";
  char *out = nullptr;
  int status = reclaim_case_act(s.engine(), args.positional[0].c_str(), body.c_str(), &out);
  Json c = s.take(args.positional[1].c_str(), status, out);
  if (s.json())
    s.print_document(c);
  else
    std::cout << "case " << member(c, "number") << ": " << args.positional[1] << " done, now "
              << member(c, "state") << ", version " << member(c, "version") << "\n";
  return kExitOk;
}

}  // namespace reclaimctl
