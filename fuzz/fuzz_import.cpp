// Each adapter's import, over the C ABI: the first byte picks the host, the rest is its order
// document (JSON, or PrestaShop's XML through expat). A seed starting with the digit 0–7 picks
// that host (kAdapters' order: '0' is 48, 48 % 8 = 0).
// Differential: an order that imports must read back (reclaim_order_get) as a document that
// imports again as Reclaim's own, and reads back the same after that: import → get → import is
// stable. A mismatch aborts.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

#include "fuzz_common.h"

namespace json = boost::json;

namespace {

// Appended, never reordered: a digit in a stored corpus keeps naming the same adapter.
const char *const kAdapters[] = {"reclaim",    "woocommerce", "shopify", "magento2",
                                 "prestashop", "shopware6",   "generic", "medusa"};

[[noreturn]] void unstable(const char *what, const std::string &first, const std::string &second) {
  std::fprintf(stderr, "import -> get -> import is not stable: %s\n%s\n%s\n", what, first.c_str(),
               second.c_str());
  std::abort();
}

// The stored order `id` of the default shop, as reclaim_order_get gives it.
std::string stored(reclaim_engine *e, const std::string &id) {
  char *out = nullptr;
  const int status = reclaim_order_get(e, nullptr, id.c_str(), &out);
  std::string text = out ? out : "";
  reclaim_free(out);
  if (status != RECLAIM_OK) unstable("the imported order cannot be read", id, text);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  reclaim_engine *e = fuzz_engine();
  char *doc = fuzz_text(data + 1, size - 1), *out = nullptr;
  const int status = reclaim_order_import(e, nullptr, kAdapters[data[0] % 8], doc, &out);
  free(doc);
  const std::string result = out ? out : "";
  reclaim_free(out);
  if (status != RECLAIM_OK) return 0;

  const json::value imported = json::parse(result);
  const json::value &id = imported.at("order").at("id");
  const std::string order_id(id.as_string());
  const std::string first = stored(e, order_id);
  char *again = nullptr;
  const int status2 = reclaim_order_import(e, nullptr, "reclaim", first.c_str(), &again);
  const std::string result2 = again ? again : "";
  reclaim_free(again);
  if (status2 != RECLAIM_OK) unstable("the stored order does not import", first, result2);
  const std::string second = stored(e, order_id);
  if (json::parse(first) != json::parse(second)) unstable("the order changed", first, second);
  return 0;
}
