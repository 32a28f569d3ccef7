/* What the fuzz targets share: one in-memory engine, opened once, with an order to act on. */
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

static reclaim_engine *fuzz_engine(void) {
  static reclaim_engine *engine = NULL;
  if (!engine) {
    char *out = NULL;
    if (reclaim_open("{\"database\":\"sqlite::memory:\",\"clock\":\"manual\"}", &engine, &out) !=
        RECLAIM_OK) {
      fprintf(stderr, "reclaim_open: %s\n", out ? out : "");
      abort();
    }
    reclaim_free(out);
    reclaim_order_import(engine, NULL, "reclaim", kFuzzOrder, NULL);
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
