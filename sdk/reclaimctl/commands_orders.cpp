// import and order show.
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {
namespace {

void print_order(const Json &order) {
  const char *fields[] = {"id",         "number",       "currency",       "placed_at",    "paid_at",
                          "shipped_at", "delivered_at", "customer.email", "customer.name"};
  for (const char *f : fields)
    if (const Json *v = order.at(f)) std::cout << f << ": " << v->cell() << "\n";
  Table lines({"LINE", "SKU", "NAME", "QTY", "UNIT PRICE", "REFUNDED"});
  if (const Json *items = order.get("lines"))
    for (const Json &l : items->items) {
      const Json *price = l.get("unit_price");
      std::string p =
          price ? (price->get("amount") ? price->get("amount")->cell() : price->cell()) : "-";
      auto c = [&](const char *k) { return l.get(k) ? l.get(k)->cell() : "-"; };
      lines.add({c("id"), c("sku"), c("name"), c("qty"), p, c("refunded_qty")});
    }
  lines.print(std::cout);
}

}  // namespace

int run_import(Session &s, const Args &args) {
  std::string adapter = args.value("adapter").value_or("reclaim");
  auto shop = args.value("shop");
  std::vector<std::string> sources = args.positional;
  if (sources.empty()) sources.push_back("-");
  int first_failure = 0, imported = 0;
  for (const std::string &source : sources) {
    std::string text = read_input(source);
    // An array holds several orders; anything else goes to the library as one document, which
    // also judges whether it is JSON at all.
    Json parsed;
    std::string error;
    std::vector<std::string> documents;
    if (parse_json(text, parsed, error) && parsed.kind == Json::Kind::array) {
      for (const Json &item : parsed.items) documents.push_back(item.raw);
    } else {
      documents.push_back(text);
    }
    for (size_t i = 0; i < documents.size(); ++i) {
      char *out = nullptr;
      int status = reclaim_order_import(s.engine(), shop_or_null(shop), adapter.c_str(),
                                        documents[i].c_str(), &out);
      std::string what = (source == "-" ? std::string("stdin") : source) +
                         (documents.size() > 1 ? "[" + std::to_string(i) + "]" : "");
      Json result;
      if (!s.take_soft(what.c_str(), status, out, result)) {
        if (first_failure == 0) first_failure = status;
        continue;
      }
      ++imported;
      if (s.json()) {
        std::cout << result.raw << "\n";
      } else {
        const Json *id = result.at("order.id");
        const Json *created = result.get("created");
        std::cout << "order " << (id ? id->cell() : "?") << ": "
                  << (created && created->text == "true" ? "imported" : "updated") << " (" << what
                  << ")\n";
      }
    }
  }
  if (!s.json())
    std::cerr << imported << " order" << (imported == 1 ? "" : "s") << " imported"
              << (first_failure ? ", some failed" : "") << "\n";
  return first_failure ? kExitStatusBase + first_failure : kExitOk;
}

int run_order_show(Session &s, const Args &args) {
  char *out = nullptr;
  int status = reclaim_order_get(s.engine(), shop_or_null(args.value("shop")),
                                 args.positional[0].c_str(), &out);
  Json doc = s.take("", status, out);
  if (s.json()) {
    s.print_document(doc);
  } else {
    const Json *order = doc.get("order");
    print_order(order ? *order : doc);
  }
  return kExitOk;
}

}  // namespace reclaimctl
