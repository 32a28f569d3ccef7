// adapters_bench — host order imports per second, per adapter, for one 10-line order.
//
//   BM_Parse/<adapter>   parse the host's text only (JSON, or XML for prestashop): the part that
//                        grows with the size of the host's document, not with the mapping.
//   BM_Map/<adapter>     parse the host's text and map it to Reclaim's order (pure, no storage).
//   BM_Import/<adapter>  Engine::import_host_order on an in-memory database: parse, map, store
//                        (a re-import of the same order each time: the update path).
// <adapter> "reclaim" is the reference: Reclaim's own document of the very same order (the
// WooCommerce order as mapped, written with order_to_json), measured in the same run. Documents
// are built from the hosts' documents in tests/fixtures/hosts, widened to 10 lines.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "adapters/registry.hpp"
#include "codec/order_json.hpp"
#include "codec/views_json.hpp"
#include "engine/engine.hpp"

namespace {

namespace json = boost::json;
using namespace reclaim;

constexpr int kLines = 10;

std::string read(const std::string &relative) {
  std::ifstream in(std::string(RECLAIM_FIXTURES) + "/hosts/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Copies element 0 of `lines` kLines times with ids 1..kLines (under `id_key`).
void widen(json::array &lines, const char *id_key, bool hex = false) {
  const json::value first = lines.at(0);
  lines.clear();
  for (int i = 1; i <= kLines; ++i) {
    json::value line = first;
    if (hex) {
      char id[33];
      std::snprintf(id, sizeof id, "%032x", i);
      line.as_object()[id_key] = id;
    } else {
      line.as_object()[id_key] = i;
    }
    lines.push_back(std::move(line));
  }
}

std::string woocommerce() {
  auto doc = json::parse(read("woocommerce/ours-order-with-refund.json"));
  doc.as_object().erase("refunds");
  widen(doc.at("line_items").as_array(), "id");
  return json::serialize(doc);
}

std::string shopify() {
  auto doc = json::parse(read("shopify/apijs-2024-04-order-get-450789469-response.json"));
  auto &order = doc.at("order").as_object();
  order.erase("refunds");
  widen(order.at("line_items").as_array(), "id");
  return json::serialize(doc);
}

std::string magento2() {
  auto doc = json::parse(read("magento2/ours-order-configurable-bundle.json"));
  auto &items = doc.at("items").as_array();
  items.erase(items.begin(),
              items.begin() + 5);  // keep the simple hose line (with a float artefact)
  widen(items, "item_id");
  return json::serialize(doc);
}

std::string prestashop() {
  const std::string xml = read("prestashop/ours-order-5.xml");
  const auto begin = xml.find("<order_row>"), end = xml.find("</order_row>") + 12;
  const std::string row = xml.substr(begin, end - begin);
  std::string rows;
  for (int i = 1; i <= kLines; ++i) {
    std::string r = row;
    r.replace(r.find("<![CDATA[9]]>"), 13, "<![CDATA[" + std::to_string(i) + "]]>");
    rows += r;
  }
  const auto last = xml.rfind("</order_row>") + 12;
  return xml.substr(0, begin) + rows + xml.substr(last);
}

std::string shopware6() {
  auto doc = json::parse(read("shopware6/ours-admin-order.json"));
  auto &lines = doc.at("data").at("lineItems").as_array();
  lines.pop_back();  // the promotion
  widen(lines, "id", true);
  return json::serialize(doc);
}

const json::object &generic_mapping() {
  static const json::object mapping = json::parse(R"({"id": "/id", "number": "/number",
    "currency": "/currency", "placed_at": {"pointer": "/date_created_gmt", "convert": "utc"},
    "customer_email": "/billing/email", "lines": "/line_items",
    "line": {"id": "/id", "name": "/name", "sku": "/sku", "qty": "/quantity",
             "line_total": "/total"}})")
                                          .as_object();
  return mapping;
}

const std::map<std::string, std::string> &documents() {
  static const std::map<std::string, std::string> docs = [] {
    std::map<std::string, std::string> out{{"woocommerce", woocommerce()},
                                           {"shopify", shopify()},
                                           {"magento2", magento2()},
                                           {"prestashop", prestashop()},
                                           {"shopware6", shopware6()}};
    out["generic"] = out["woocommerce"];
    const Order same = adapters::to_order("woocommerce", json::parse(out["woocommerce"]));
    out["reclaim"] = json::serialize(codec::order_to_json(same));
    return out;
  }();
  return docs;
}

adapters::ImportContext context() {
  adapters::ImportContext c;
  c.currency = "PLN";
  c.timezone = "Europe/Warsaw";
  c.order_mapping = &generic_mapping();
  return c;
}

void BM_Map(benchmark::State &state, const std::string &adapter) {
  const std::string &text = documents().at(adapter);
  const auto c = context();
  for (auto _ : state) {
    Order order = adapters::to_order(adapter, adapters::parse_host_document(adapter, text), c);
    if (order.lines.size() != kLines) throw std::runtime_error(adapter + ": lines");
    benchmark::DoNotOptimize(order);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Parse(benchmark::State &state, const std::string &adapter) {
  const std::string &text = documents().at(adapter);
  for (auto _ : state) {
    auto document = adapters::parse_host_document(adapter, text);
    benchmark::DoNotOptimize(document);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["doc_bytes"] = static_cast<double>(text.size());
}

void BM_Import(benchmark::State &state, const std::string &adapter) {
  EngineConfig config;
  config.storage.database = "sqlite::memory:";
  ShopConfig shop;
  shop.currency = "PLN";
  shop.timezone = "Europe/Warsaw";
  shop.order_mapping = generic_mapping();
  config.shops = {shop};
  Engine engine(config);
  const std::string &text = documents().at(adapter);
  for (auto _ : state) {
    auto result = codec::to_json(engine.import_host_order("default", adapter, text));
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

const char *const kAdapters[] = {"reclaim",    "woocommerce", "shopify", "magento2",
                                 "prestashop", "shopware6",   "generic"};

const bool registered = [] {
  for (const char *adapter : kAdapters) {
    benchmark::RegisterBenchmark((std::string("BM_Parse/") + adapter).c_str(), BM_Parse,
                                 std::string(adapter))
        ->UseRealTime();
  }
  for (const char *adapter : kAdapters) {
    benchmark::RegisterBenchmark((std::string("BM_Map/") + adapter).c_str(), BM_Map,
                                 std::string(adapter))
        ->UseRealTime();
  }
  for (const char *adapter : kAdapters) {
    benchmark::RegisterBenchmark((std::string("BM_Import/") + adapter).c_str(), BM_Import,
                                 std::string(adapter))
        ->UseRealTime();
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
