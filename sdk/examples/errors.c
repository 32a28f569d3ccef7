/*
 * errors.c — how a host handles each of Reclaim's status codes.
 *
 * `handle` below is the part to copy: one branch per status, saying what a host does about it.
 * `main` provokes every status that ordinary calls can produce (RECLAIM_BUSY needs another
 * process holding the database, RECLAIM_INTERNAL a bug) and checks that each call answered the
 * status it should.
 *
 *   cc errors.c $(pkg-config --cflags --libs reclaim) -o errors
 *   ./errors                          (an in-memory database; exit 0 when all answered as expected)
 */
#include <reclaim/reclaim.h>
#include <stdio.h>
#include <string.h>

#include "example_json.h"

/* Copies the error's "field" (the JSON path of the input at fault) into buf, or "". */
static void error_field(const char *doc, char *buf, size_t size) {
  const char *error = doc ? example_member(doc, "error") : NULL;
  buf[0] = 0;
  if (error != NULL) example_string(error, "field", buf, size);
}

/* What a host does with a status. Returns 1 when the call may simply be retried. */
static int handle(const char *what, int status, const char *doc) {
  char field[128];
  error_field(doc, field, sizeof field);
  switch (status) {
    case RECLAIM_OK: printf("%-26s ok\n", what); return 0;
    case RECLAIM_INVALID_ARGUMENT:
      /* The request is wrong: show the field to the developer or the form's user. */
      printf("%-26s invalid_argument: fix the request (field: %s)\n", what, field[0] ? field : "-");
      return 0;
    case RECLAIM_NOT_FOUND:
      /* No such case, order or shop: a 404 for a page, a message for a form. */
      printf("%-26s not_found: nothing by that name\n", what);
      return 0;
    case RECLAIM_CONFLICT:
      /* Someone changed the case first (or an idempotency key was reused): reload, decide again. */
      printf("%-26s conflict: reload the case and try again\n", what);
      return 0;
    case RECLAIM_NOT_ALLOWED:
      /* The state, the role or the policy forbids it; the message says who may act. */
      printf("%-26s not_allowed: tell the user why\n", what);
      return 0;
    case RECLAIM_STORAGE:
      /* The database failed: nothing was written; alert the operator. */
      printf("%-26s storage: the database failed, nothing was written\n", what);
      return 0;
    case RECLAIM_BUSY:
      /* Locked longer than busy_timeout_ms: safe to retry later (with the same idempotency key). */
      printf("%-26s busy: retry later\n", what);
      return 1;
    case RECLAIM_UNSUPPORTED:
      /* Not in this build, or an unknown adapter or backend: a configuration problem. */
      printf("%-26s unsupported: not available in this build\n", what);
      return 0;
    case RECLAIM_INTERNAL:
    default:
      /* A bug in Reclaim: log the whole document and report it. */
      printf("%-26s %s: report this bug: %s\n", what, reclaim_status_name(status), doc ? doc : "");
      return 0;
  }
}

static int mismatches = 0;

/* Handles the outcome of a call, checks it was the expected status, frees the document.
 * (Call first, then pass its status and document: C leaves the order of evaluation of
 * arguments open, so `expect(f(&out), out)` could read `out` before `f` sets it.) */
static void expect(const char *what, int status, char *doc, int want) {
  handle(what, status, doc);
  if (status != want) {
    fprintf(stderr, "errors: %s answered %s, expected %s\n%s\n", what, reclaim_status_name(status),
            reclaim_status_name(want), doc ? doc : "");
    ++mismatches;
  }
  reclaim_free(doc);
}

int main(void) {
  static const char order[] =
      "{\"id\":\"1001\",\"currency\":\"PLN\",\"customer\":{\"email\":\"jan@example.pl\"},"
      "\"lines\":[{\"id\":\"1\",\"name\":\"Czajnik\",\"qty\":1,\"unit_price\":\"199.99\"}]}";
  static const char misspelt[] =
      "{\"id\":\"1002\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\",\"name\":\"Czajnik\","
      "\"qty\":1,\"unit_price\":\"199.99\",\"quantity\":1}]}";
  static const char open_case[] =
      "{\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},\"order_id\":\"1001\","
      "\"customer\":{\"email\":\"jan@example.pl\"},"
      "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}";
  reclaim_engine *e = NULL, *broken = NULL;
  char *out = NULL;
  char case_id[64] = "";
  int rc;

  rc = reclaim_open("{\"database\":\"sqlite::memory:\"}", &e, &out);
  expect("open (memory)", rc, out, RECLAIM_OK);
  if (rc != RECLAIM_OK) return 1;

  out = NULL;
  rc = reclaim_open("{\"database\":42}", &broken, &out);
  expect("open (bad config)", rc, out, RECLAIM_INVALID_ARGUMENT);
  out = NULL;
  rc = reclaim_open("{\"database\":\"sqlite:/nonexistent/dir/reclaim.db\"}", &broken, &out);
  expect("open (missing directory)", rc, out, RECLAIM_STORAGE);
  reclaim_close(broken); /* NULL after a failed open; closing NULL is fine */

  out = NULL;
  rc = reclaim_order_import(e, NULL, "reclaim", order, &out);
  expect("import (good)", rc, out, RECLAIM_OK);
  out = NULL;
  rc = reclaim_order_import(e, NULL, "reclaim", misspelt, &out);
  expect("import (misspelt field)", rc, out, RECLAIM_INVALID_ARGUMENT);
  out = NULL;
  rc = reclaim_order_import(e, NULL, "no-such-shop-engine", order, &out);
  expect("import (unknown adapter)", rc, out, RECLAIM_UNSUPPORTED);

  out = NULL;
  rc = reclaim_case_open(e, open_case, &out);
  if (rc == RECLAIM_OK) example_string(out, "id", case_id, sizeof case_id);
  expect("case open", rc, out, RECLAIM_OK);
  out = NULL;
  rc = reclaim_case_open(e, open_case, &out);
  expect("case open (too many)", rc, out, RECLAIM_NOT_ALLOWED);
  out = NULL;
  rc = reclaim_case_get(e, "RC-1999-000001", &out);
  expect("case get (no such case)", rc, out, RECLAIM_NOT_FOUND);
  out = NULL;
  rc = reclaim_case_act(e, case_id,
                        "{\"action\":\"review\",\"actor\":{\"role\":\"agent\"},"
                        "\"expected_version\":7}",
                        &out);
  expect("act (stale version)", rc, out, RECLAIM_CONFLICT);
  out = NULL;
  rc = reclaim_case_act(e, case_id,
                        "{\"action\":\"fulfil\",\"actor\":{\"role\":\"host\"},"
                        "\"reference\":\"R-1\"}",
                        &out);
  expect("act (wrong state)", rc, out, RECLAIM_NOT_ALLOWED);
  expect("clock_set (system clock)", reclaim_clock_set(e, 0), NULL, RECLAIM_NOT_ALLOWED);

  /* The status names are stable: log them, compare codes. */
  for (rc = RECLAIM_OK; rc <= RECLAIM_INTERNAL; ++rc)
    printf("status %d is %s\n", rc, reclaim_status_name(rc));

  reclaim_close(e);
  printf("%s\n", mismatches ? "some calls did not answer as expected" : "all as expected");
  return mismatches ? 1 : 0;
}
