/*
 * quickstart.c — Reclaim from a C host in one page.
 *
 * Opens an engine on a SQLite file, imports an order, opens a complaint as the customer, moves
 * it to the end (review, accept with a refund, fulfil, close) and reads the events it caused
 * with a cursor, page by page.
 *
 *   cc quickstart.c $(pkg-config --cflags --libs reclaim) -o quickstart
 *   ./quickstart [DATABASE]          (default ./quickstart.db)
 *
 * Exit status 0 on success; on a failed call the status name and the error document go to
 * stderr and the exit status is 1.
 */
#define _POSIX_C_SOURCE 200809L /* getpid */

#include <reclaim/reclaim.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "example_json.h"

/* Prints the error document of a failed call and frees it. */
static int failed(const char *what, int status, char *doc) {
  fprintf(stderr, "quickstart: %s: %s\n%s\n", what, reclaim_status_name(status),
          doc ? doc : "(no document)");
  reclaim_free(doc);
  return 1;
}

/* One action on the case; expected_version guards against a concurrent change. */
static int act(reclaim_engine *e, const char *case_id, long long *version, const char *action,
               const char *actor, const char *fields) {
  char request[1024];
  char state[64] = "";
  char *out = NULL;
  int rc;
  snprintf(request, sizeof request,
           "{\"action\":\"%s\",\"actor\":%s,\"expected_version\":%lld%s%s}", action, actor,
           *version, fields[0] ? "," : "", fields);
  rc = reclaim_case_act(e, case_id, request, &out);
  if (rc != RECLAIM_OK) return failed(action, rc, out);
  example_string(out, "state", state, sizeof state);
  *version = example_integer(out, "version", *version + 1);
  printf("%-8s -> %-10s (version %lld)\n", action, state, *version);
  reclaim_free(out);
  return 0;
}

int main(int argc, char **argv) {
  const char *database = argc > 1 ? argv[1] : "./quickstart.db";
  char config[1200], order[1024], request[1024], query[256];
  char order_id[64], case_id[64] = "", number[64] = "";
  const char *agent = "{\"role\":\"agent\",\"id\":\"anna\"}";
  reclaim_engine *e = NULL;
  char *out = NULL;
  long long version = 0, after = 0;
  int rc;

  /* A header newer than the library would promise functions the library does not have. */
  if (reclaim_abi_version() < RECLAIM_ABI_VERSION) {
    fprintf(stderr, "quickstart: libreclaim has ABI %d, this program needs %d\n",
            reclaim_abi_version(), RECLAIM_ABI_VERSION);
    return 1;
  }
  if (strlen(database) > 1000 || strpbrk(database, "\"\\") != NULL) {
    fprintf(stderr, "quickstart: unsupported database path\n");
    return 2;
  }

  /* 1. Open the engine: the database is created and migrated on first use. */
  snprintf(config, sizeof config,
           "{\"database\":\"sqlite:%s\",\"shops\":[{\"id\":\"default\",\"currency\":\"PLN\","
           "\"timezone\":\"Europe/Warsaw\",\"locale\":\"pl\"}]}",
           database);
  rc = reclaim_open(config, &e, &out);
  if (rc != RECLAIM_OK) return failed("reclaim_open", rc, out);
  printf("Reclaim %s, engine: %s\n", reclaim_version(), out);
  reclaim_free(out);
  out = NULL;

  /* 2. Import an order (a new id each run, so the example can be run again). */
  snprintf(order_id, sizeof order_id, "qs-%lld-%ld", (long long)time(NULL), (long)getpid());
  snprintf(order, sizeof order,
           "{\"id\":\"%s\",\"currency\":\"PLN\",\"placed_at\":\"2026-11-02T10:00:00Z\","
           "\"customer\":{\"email\":\"jan@example.pl\",\"name\":\"Jan Kowalski\"},"
           "\"lines\":[{\"id\":\"1\",\"sku\":\"KET-1\",\"name\":\"Czajnik\",\"qty\":2,"
           "\"unit_price\":\"199.99\"}]}",
           order_id);
  rc = reclaim_order_import(e, NULL, "reclaim", order, &out);
  if (rc != RECLAIM_OK) {
    reclaim_close(e);
    return failed("reclaim_order_import", rc, out);
  }
  printf("order %s imported (created: %s)\n", order_id,
         strstr(out, "\"created\":true") ? "yes" : "no, replaced");
  reclaim_free(out);
  out = NULL;

  /* 3. The customer opens a complaint about one kettle. */
  snprintf(request, sizeof request,
           "{\"kind\":\"complaint\",\"channel\":\"web\",\"actor\":{\"role\":\"customer\"},"
           "\"order_id\":\"%s\",\"customer\":{\"email\":\"jan@example.pl\"},"
           "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}],"
           "\"description\":\"It stopped heating.\",\"preferred_resolution\":\"refund\","
           "\"idempotency_key\":\"open-%s\"}",
           order_id, order_id);
  rc = reclaim_case_open(e, request, &out);
  if (rc != RECLAIM_OK) {
    reclaim_close(e);
    return failed("reclaim_case_open", rc, out);
  }
  example_string(out, "id", case_id, sizeof case_id);
  example_string(out, "number", number, sizeof number);
  version = example_integer(out, "version", 1);
  printf("case %s (%s) opened\n", number, case_id);
  reclaim_free(out);
  out = NULL;

  /* 4. Staff move it through its life; the host fulfils the refund. */
  if (act(e, case_id, &version, "review", agent, "") ||
      act(e, case_id, &version, "accept", agent, "\"resolution\":{\"type\":\"refund\"}") ||
      act(e, case_id, &version, "fulfil", "{\"role\":\"host\"}", "\"reference\":\"R-1\"") ||
      act(e, case_id, &version, "close", agent, "")) {
    reclaim_close(e);
    return 1;
  }

  /* 5. Read the case's events two at a time; "next" is the cursor to keep between runs. */
  for (;;) {
    long long next;
    snprintf(query, sizeof query, "{\"after\":%lld,\"limit\":2,\"case_id\":\"%s\"}", after,
             case_id);
    rc = reclaim_events_read(e, query, &out);
    if (rc != RECLAIM_OK) {
      reclaim_close(e);
      return failed("reclaim_events_read", rc, out);
    }
    next = example_integer(out, "next", after);
    if (next > after) printf("events after %lld: %s\n", after, out);
    reclaim_free(out);
    out = NULL;
    if (next <= after) break;
    after = next;
  }

  reclaim_close(e);
  return 0;
}
