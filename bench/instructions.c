/*
 * instructions.c — a fixed amount of work through the C ABI, for counting instructions with
 * callgrind: repeatable on a loaded machine, and comparable between two builds of the library
 * (the ABI is the same), where a timed benchmark would only measure the load.
 *
 *   instructions STEPS N DIR
 *
 * Opens an engine on DIR/instructions.db (manual clock), imports N orders, then runs the steps
 * named in STEPS, in this order: 'o' opens one case per order (as the customer), 'g' reads each
 * case by id, 'p' renders each case's status page through reclaim_http_handle. bench/instructions.sh
 * runs it with growing STEPS and takes differences, so each step's cost per call comes out alone.
 */
#include <reclaim/reclaim.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CASES 2000

/* Call as check(rc, &out, …) after the call: `out` is read only once the call has set it. */
static void check(int rc, char **out, const char *what) {
  if (rc != RECLAIM_OK) {
    fprintf(stderr, "instructions: %s: %s %s\n", what, reclaim_status_name(rc),
            out && *out ? *out : "");
    exit(1);
  }
  if (out) reclaim_free(*out);
}

/* The string value of "key" in a flat document; enough for ids and tokens. */
static void field(const char *doc, const char *key, char *value, size_t size) {
  char pattern[64];
  const char *at;
  size_t n = 0;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  at = strstr(doc, pattern);
  value[0] = '\0';
  if (!at) return;
  at += strlen(pattern);
  while (at[n] && at[n] != '"' && n + 1 < size) n++;
  memcpy(value, at, n);
  value[n] = '\0';
}

static char ids[MAX_CASES][64], tokens[MAX_CASES][128];

int main(int argc, char **argv) {
  reclaim_engine *e = NULL;
  char config[1200], doc[1500];
  char *out = NULL;
  int i, n, rc;
  if (argc != 4) {
    fprintf(stderr, "usage: instructions STEPS N DIR\n");
    return 2;
  }
  n = atoi(argv[2]);
  if (n < 1 || n > MAX_CASES || strlen(argv[3]) > 900) return 2;
  snprintf(config, sizeof config,
           "{\"database\":\"sqlite:%s/instructions.db\",\"clock\":\"manual\","
           "\"secret\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\","
           "\"shops\":[{\"id\":\"default\",\"jurisdiction\":\"PL\",\"currency\":\"PLN\","
           "\"timezone\":\"Europe/Warsaw\",\"locale\":\"pl\"}]}",
           argv[3]);
  check(reclaim_open(config, &e, &out), &out, "reclaim_open");
  check(reclaim_clock_set(e, 1794823200000LL), NULL, "reclaim_clock_set"); /* 2026-11-16 */
  for (i = 0; i < n; i++) {
    snprintf(doc, sizeof doc,
             "{\"id\":\"o%d\",\"number\":\"%d\",\"currency\":\"PLN\","
             "\"placed_at\":\"2026-11-02T10:00:00Z\",\"delivered_at\":\"2026-11-05T10:00:00Z\","
             "\"customer\":{\"email\":\"jan%d@example.pl\",\"name\":\"Jan Kowalski\"},"
             "\"lines\":[{\"id\":\"1\",\"sku\":\"KET-1\",\"name\":\"Czajnik\",\"qty\":2,"
             "\"unit_price\":\"199.99\"},{\"id\":\"2\",\"sku\":\"CUP-2\",\"name\":\"Kubek\","
             "\"qty\":4,\"unit_price\":\"19.99\"}]}",
             i, 1000 + i, i);
    rc = reclaim_order_import(e, NULL, "reclaim", doc, &out);
    check(rc, &out, "reclaim_order_import");
  }
  if (strchr(argv[1], 'o')) {
    for (i = 0; i < n; i++) {
      snprintf(doc, sizeof doc,
               "{\"kind\":\"complaint\",\"channel\":\"web\",\"actor\":{\"role\":\"customer\"},"
               "\"order_id\":\"o%d\",\"customer\":{\"email\":\"jan%d@example.pl\"},"
               "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}],"
               "\"description\":\"Przestał grzać.\",\"preferred_resolution\":\"refund\"}",
               i, i);
      rc = reclaim_case_open(e, doc, &out);
      if (rc != RECLAIM_OK) check(rc, &out, "reclaim_case_open");
      field(out, "id", ids[i], sizeof ids[i]);
      field(out, "status_token", tokens[i], sizeof tokens[i]);
      reclaim_free(out);
    }
  }
  if (strchr(argv[1], 'g')) {
    for (i = 0; i < n; i++) {
      rc = reclaim_case_get(e, ids[i], &out);
      check(rc, &out, "reclaim_case_get");
    }
  }
  if (strchr(argv[1], 'p')) {
    for (i = 0; i < n; i++) {
      snprintf(doc, sizeof doc, "{\"method\":\"GET\",\"path\":\"/c/%s\",\"query\":\"lang=pl\"}",
               tokens[i]);
      rc = reclaim_http_handle(e, doc, &out);
      check(rc, &out, "reclaim_http_handle");
    }
  }
  reclaim_close(e);
  return 0;
}
