/* What the C fuzz targets share: one in-memory engine with an order and a case on it
 * (kFuzzCase) to act on, replaced by a
 * fresh one every FUZZ_RENEW inputs so that what the inputs create (orders, cases, events) does
 * not pile up and slow the run down or fill its memory. */
#ifndef RECLAIM_FUZZ_COMMON_H
#define RECLAIM_FUZZ_COMMON_H

#include <reclaim/reclaim.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const kFuzzOrder =
    "{\"id\":\"1001\",\"number\":\"N1001\",\"currency\":\"EUR\","
    "\"placed_at\":\"2026-11-01T10:00:00Z\",\"delivered_at\":\"2026-11-05T10:00:00Z\","
    "\"customer\":{\"email\":\"jan@example.pl\",\"name\":\"Jan\"},"
    "\"lines\":[{\"id\":\"1\",\"sku\":\"KET-1\",\"name\":\"Kettle\",\"qty\":2,"
    "\"unit_price\":\"199.99\"}]}";

#define FUZZ_RENEW 5000

/* The first case of a fresh engine: the clock stands at 2026-12-01T12:00:00Z. */
static const char *const kFuzzCase = "RC-2026-000001";
static const char *const kFuzzOpen =
    "{\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},\"order_id\":\"1001\","
    "\"customer\":{\"email\":\"jan@example.pl\"},"
    "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}";

static reclaim_engine *fuzz_engine(void) {
  static reclaim_engine *engine = NULL;
  static int uses = 0;
  if (engine && ++uses >= FUZZ_RENEW) {
    reclaim_close(engine);
    engine = NULL;
  }
  if (!engine) {
    uses = 0;
    char *out = NULL;
    if (reclaim_open("{\"database\":\"sqlite::memory:\",\"clock\":\"manual\"}", &engine, &out) !=
        RECLAIM_OK) {
      fprintf(stderr, "reclaim_open: %s\n", out ? out : "");
      abort();
    }
    reclaim_free(out);
    reclaim_clock_set(engine, 1796126400000LL);
    reclaim_order_import(engine, NULL, "reclaim", kFuzzOrder, NULL);
    if (reclaim_case_open(engine, kFuzzOpen, &out) != RECLAIM_OK || !strstr(out, kFuzzCase)) {
      fprintf(stderr, "reclaim_case_open: %s\n", out ? out : "");
      abort();
    }
    reclaim_free(out);
  }
  return engine;
}

/* The input as a NUL-terminated string (the ABI takes C strings). */
static char *fuzz_text(const uint8_t *data, size_t size) {
  char *text = (char *)malloc(size + 1);
  if (!text) abort();
  memcpy(text, data, size);
  text[size] = 0;
  return text;
}

#endif
