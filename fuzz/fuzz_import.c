/* Each adapter's import: the first byte picks the host, the rest is its order document (JSON,
 * or PrestaShop's XML through expat). A seed starting with the digit 0–6 picks that host. */
#include "fuzz_common.h"

static const char *const kAdapters[] = {"reclaim",    "woocommerce", "shopify", "magento2",
                                        "prestashop", "shopware6",   "generic"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  reclaim_engine *e = fuzz_engine();
  char *doc, *out = NULL;
  if (size < 1) return 0;
  doc = fuzz_text(data + 1, size - 1);
  reclaim_order_import(e, NULL, kAdapters[(data[0] + 1) % 7], doc, &out);
  reclaim_free(out);
  free(doc);
  return 0;
}
