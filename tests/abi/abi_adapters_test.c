/* Host adapters through libreclaim.so: real host documents imported, hostile ones refused with
 * the host's field named and nothing stored, and refund payloads fetched for accepted cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_test.h"

static reclaim_engine *E;

/* Reads tests/fixtures/hosts/<relative> into a malloc'd string. */
static char *fixture(const char *relative) {
  char path[1024];
  FILE *f;
  long size;
  char *text;
  snprintf(path, sizeof path, "%s/hosts/%s", RECLAIM_FIXTURES, relative);
  f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (text != NULL && fread(text, 1, (size_t)size, f) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text != NULL) text[size] = 0;
  fclose(f);
  return text;
}

static void import_ok(const char *adapter, const char *file, const char *needle) {
  char *doc = fixture(file);
  char *out = NULL;
  CHECK_MSG(doc != NULL, "fixture %s", file);
  if (doc == NULL) return;
  CHECK_STATUS_DOC(reclaim_order_import(E, NULL, adapter, doc, &out), RECLAIM_OK, out);
  CHECK_CONTAINS(out, needle);
  reclaim_free(out);
  free(doc);
}

static void test_imports(void) {
  char *out = NULL;
  import_ok("woocommerce", "woocommerce/order-retrieve-response.json", "\"unit_price\":\"3.225\"");
  import_ok("shopify", "shopify/apijs-2024-04-order-get-450789469-response.json",
            "\"unit_price\":\"199.64\"");
  import_ok("magento2", "magento2/ours-order-configurable-bundle.json",
            "\"unit_price\":\"295.99\"");
  import_ok("prestashop", "prestashop/ours-order-5.xml", "\"placed_at\":\"2026-11-02T09:15:00Z\"");
  import_ok("shopware6", "shopware6/ours-admin-order.json", "\"unit_price\":\"6942.10\"");
  import_ok("medusa", "medusa/ours-v2-admin-order.json", "\"unit_price\":\"12.286667\"");
  import_ok("generic", "woocommerce/orders-list-response.json", "\"id\":\"723\"");
  CHECK_STATUS_DOC(reclaim_order_get(E, NULL, "41", &out), RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"refunded_qty\":1");
  reclaim_free(out);
}

static void refused(const char *adapter, const char *doc, const char *field) {
  char *out = NULL;
  char want[256];
  CHECK_STATUS_DOC(reclaim_order_import(E, NULL, adapter, doc, &out), RECLAIM_INVALID_ARGUMENT,
                   out);
  if (field != NULL) { /* NULL: text that is not UTF-8 JSON at all, refused by the parser */
    snprintf(want, sizeof want, "\"field\":\"%s\"", field);
    CHECK_CONTAINS(out, want);
  }
  reclaim_free(out);
}

static void test_hostile(void) {
  char *out = NULL;
  long events_before = abi_count_events(E, NULL);
  refused("woocommerce",
          "{\"id\":77,\"currency\":\"PLN\",\"line_items\":[{\"id\":1,\"name\":\"A\",\"quantity\":1,"
          "\"total\":\"1.00\",\"total_tax\":\"0.23\"},{\"id\":2,\"name\":\"B\",\"quantity\":\"x\","
          "\"total\":\"1.00\",\"total_tax\":\"0.23\"}]}",
          "line_items[1].quantity");
  refused("shopify",
          "{\"order\":{\"id\":78,\"currency\":\"USD\",\"line_items\":[{\"id\":1,"
          "\"title\":\"A\",\"quantity\":1,\"price\":\"1e999\"}]}}",
          "order.line_items[0].price");
  refused("magento2",
          "{\"entity_id\":79,\"order_currency_code\":\"EUR\",\"items\":[{\"item_id\":1,"
          "\"name\":\"A\",\"qty_ordered\":-1,\"row_total_incl_tax\":1}]}",
          "items[0].qty_ordered");
  refused("prestashop",
          "<prestashop><order><id>80</id><associations><order_rows nodeType=\"r\">"
          "<order_row><id>1</id><product_name>A</product_name>"
          "<product_quantity>1</product_quantity>"
          "<unit_price_tax_incl>NaN</unit_price_tax_incl>"
          "<unit_price_tax_excl>1</unit_price_tax_excl></order_row></order_rows>"
          "</associations></order></prestashop>",
          "prestashop.order.associations.order_rows[0].unit_price_tax_incl");
  refused("woocommerce",
          "{\"id\":81,\"currency\":\"PLN\",\"billing\":{\"first_name\":\"\xc3\x28\"}}", NULL);
  refused("woocommerce",
          "{\"id\":82,\"currency\":\"PLN\",\"customer_id\":5,"
          "\"shipping\":{\"address_1\":\"Długa 5\",\"postcode\":31147},\"line_items\":[{\"id\":1,"
          "\"name\":\"A\",\"quantity\":1,\"total\":\"1.00\",\"total_tax\":\"0.23\"}]}",
          "shipping.postcode");
  refused("medusa",
          "{\"order\":{\"id\":\"order_83\",\"currency_code\":\"pln\",\"customer_id\":\"cus_1\","
          "\"shipping_address\":{\"address_1\":\"Długa 5\",\"country_code\":\"pl\"},\"items\":["
          "{\"id\":\"li_1\",\"title\":\"A\",\"quantity\":1,\"total\":12.3,"
          "\"raw_total\":{\"value\":\"12.3\",\"precision\":20}},"
          "{\"id\":\"li_2\",\"title\":\"B\",\"quantity\":1,\"total\":1,"
          "\"raw_total\":{\"value\":\"1,00\",\"precision\":20}}]}}",
          "order.items[1].raw_total.value");
  CHECK_STATUS(reclaim_order_get(E, NULL, "77", &out), RECLAIM_NOT_FOUND);
  reclaim_free(out);
  CHECK_STATUS(reclaim_order_get(E, NULL, "80", &out), RECLAIM_NOT_FOUND);
  reclaim_free(out);
  CHECK_STATUS(reclaim_order_get(E, NULL, "82", &out), RECLAIM_NOT_FOUND);
  reclaim_free(out);
  CHECK_STATUS(reclaim_order_get(E, NULL, "order_83", &out), RECLAIM_NOT_FOUND);
  reclaim_free(out);
  CHECK(abi_count_events(E, NULL) == events_before);
}

static void test_payloads(void) {
  char *out = NULL;
  char id[64];
  CHECK_STATUS_DOC(
      reclaim_case_open(E,
                        "{\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a\"},"
                        "\"order_id\":\"727\",\"items\":[{\"line\":\"315\",\"qty\":2,"
                        "\"reason\":\"defect\"}]}",
                        &out),
      RECLAIM_OK, out);
  CHECK(json_str(out, "id", id, sizeof id));
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_host_payload(E, id, "woocommerce", &out), RECLAIM_NOT_ALLOWED, out);
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_case_act(E, id,
                                    "{\"action\":\"accept\",\"actor\":{\"role\":\"supervisor\","
                                    "\"id\":\"s\"},\"resolution\":{\"type\":\"refund\"}}",
                                    &out),
                   RECLAIM_OK, out);
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_host_payload(E, id, "woocommerce", &out), RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"path\":\"/wp-json/wc/v3/orders/727/refunds\"");
  CHECK_CONTAINS(out, "\"amount\":\"6.45\"");
  CHECK_CONTAINS(out, "\"refund_total\":\"0.45\"");
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_host_payload(E, id, "magento2", &out), RECLAIM_INVALID_ARGUMENT, out);
  CHECK_CONTAINS(out, "\"field\":\"adapter\"");
  reclaim_free(out);
  CHECK_STATUS(reclaim_host_payload(E, id, "nonsense", &out), RECLAIM_UNSUPPORTED);
  reclaim_free(out);
  CHECK_STATUS(reclaim_host_payload(E, NULL, "woocommerce", &out), RECLAIM_INVALID_ARGUMENT);
  reclaim_free(out);
  CHECK_STATUS(reclaim_host_payload(E, id, NULL, &out), RECLAIM_INVALID_ARGUMENT);
  reclaim_free(out);
}

static void test_bad_mapping(void) {
  reclaim_engine *other = NULL;
  char *out = NULL;
  CHECK_STATUS_DOC(
      reclaim_open("{\"database\":\"sqlite::memory:\",\"shops\":[{\"id\":\"x\","
                   "\"order_mapping\":{\"id\":\"/id\",\"currency\":\"/c\",\"lines\":\"/l\","
                   "\"line\":{\"id\":\"/i\",\"name\":\"/n\",\"qty\":{\"pointer\":\"/q\","
                   "\"convert\":\"roman\"},\"unit_price\":\"/p\"}}}]}",
                   &other, &out),
      RECLAIM_INVALID_ARGUMENT, out);
  CHECK_CONTAINS(out, "\"field\":\"shops[0].order_mapping.line.qty.convert\"");
  CHECK(other == NULL);
  reclaim_free(out);
}

int main(void) {
  char *out = NULL;
  int rc;
  test_bad_mapping();
  rc = reclaim_open(
      "{\"database\":\"sqlite::memory:\",\"clock\":\"manual\",\"shops\":[{\"id\":\"default\","
      "\"currency\":\"PLN\",\"timezone\":\"Europe/Warsaw\",\"order_mapping\":{"
      "\"order\":\"/1\",\"id\":\"/id\",\"currency\":\"/currency\",\"lines\":\"/line_items\","
      "\"line\":{\"id\":\"/id\",\"name\":\"/name\",\"qty\":\"/quantity\",\"line_total\":\"/"
      "total\"}}}]}",
      &E, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  if (rc != RECLAIM_OK) return TEST_SUMMARY();
  CHECK_STATUS(reclaim_clock_set(E, ABI_T0_MS), RECLAIM_OK);
  test_imports();
  test_hostile();
  test_payloads();
  reclaim_close(E);
  return TEST_SUMMARY();
}
