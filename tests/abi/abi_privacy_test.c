/*
 * abi_privacy_test.c — reclaim_subject_export and reclaim_subject_erase through the public C
 * ABI: NULLs, malformed, hostile, oversized and non-UTF-8 requests, wrong roles and shops change
 * nothing; then a person's export, their erasure (a finished case anonymised, an open one kept),
 * and an export afterwards that finds nobody.
 */
#include "abi_test.h"

#define ERASE(email, role) \
  "{\"email\":\"" email "\",\"actor\":{\"role\":\"" role "\",\"id\":\"eva\"},\"reason\":\"asked\"}"

typedef int (*subject_call)(reclaim_engine *, const char *, char **);

static void expect_status(subject_call call, reclaim_engine *e, const char *request, int want,
                          const char *field) {
  char *out = NULL;
  char got[128] = "";
  int rc = call(e, request, &out);
  if (abi_check_status(__FILE__, __LINE__, request ? request : "(null)", rc, want, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\" for %s", got, field,
                request ? request : "(null)");
    }
  }
  reclaim_free(out);
}

static long cases_of(reclaim_engine *e, const char *email) {
  char request[256], *out = NULL;
  long n = -1;
  snprintf(request, sizeof request, "{\"email\":\"%s\"}", email);
  if (reclaim_subject_export(e, request, &out) == RECLAIM_OK) n = json_array_len(out, "cases");
  reclaim_free(out);
  return n;
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL, *big, number[64] = "", act[512];
  const subject_call calls[] = {reclaim_subject_export, reclaim_subject_erase};
  size_t i, c;

  if (!e) return TEST_SUMMARY();
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out), RECLAIM_OK);
  json_str(out, "number", number, sizeof number);
  reclaim_free(out);
  out = NULL;

  for (c = 0; c < 2; ++c) {
    /* NULLs */
    expect_status(calls[c], NULL, "{\"email\":\"jan@example.pl\"}", RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(calls[c], e, NULL, RECLAIM_INVALID_ARGUMENT, "request_json");
    /* Malformed and hostile */
    expect_status(calls[c], e, "", RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(calls[c], e, "{\"email\":", RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(calls[c], e, "[\"jan@example.pl\"]", RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(calls[c], e, "{}", RECLAIM_INVALID_ARGUMENT, "email");
    expect_status(calls[c], e, "{\"email\":\"\"}", RECLAIM_INVALID_ARGUMENT, "email");
    expect_status(calls[c], e, "{\"email\":42}", RECLAIM_INVALID_ARGUMENT, "email");
    expect_status(calls[c], e, "{\"email\":\"jan\xff@example.pl\"}", RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(calls[c], e, "{\"email\":\"jan@example.pl\",\"shop\":\"nowhere\"}",
                  c == 0 ? RECLAIM_NOT_FOUND : RECLAIM_INVALID_ARGUMENT, NULL);
  }
  expect_status(reclaim_subject_export, e, "{\"email\":\"jan@example.pl\",\"x\":1}",
                RECLAIM_INVALID_ARGUMENT, "x");
  expect_status(reclaim_subject_erase, e, "{\"email\":\"jan@example.pl\",\"reason\":\"asked\"}",
                RECLAIM_INVALID_ARGUMENT, "actor");
  expect_status(reclaim_subject_erase, e,
                "{\"email\":\"jan@example.pl\",\"actor\":{\"role\":\"supervisor\"}}",
                RECLAIM_INVALID_ARGUMENT, "reason");
  expect_status(reclaim_subject_erase, e, ERASE("jan@example.pl", "agent"), RECLAIM_NOT_ALLOWED,
                "actor");
  expect_status(reclaim_subject_erase, e, ERASE("jan@example.pl", "customer"),
                RECLAIM_NOT_ALLOWED, "actor");
  expect_status(reclaim_subject_erase, e,
                "{\"shop\":\"nowhere\",\"email\":\"jan@example.pl\",\"actor\":{\"role\":"
                "\"supervisor\"},\"reason\":\"asked\"}",
                RECLAIM_NOT_FOUND, "shop");
  /* Oversized: 80 KB of e-mail. */
  big = malloc(90000);
  if (big) {
    strcpy(big, "{\"email\":\"");
    for (i = strlen(big); i < 80000; ++i) big[i] = 'a';
    strcpy(big + 80000, "@example.pl\"}");
    expect_status(reclaim_subject_export, e, big, RECLAIM_INVALID_ARGUMENT, NULL);
    expect_status(reclaim_subject_erase, e, big, RECLAIM_INVALID_ARGUMENT, NULL);
    free(big);
  }
  /* Nothing of that changed anything. */
  CHECK(cases_of(e, "jan@example.pl") == 1);

  /* A stranger: an empty export, not an error. */
  CHECK_STATUS(reclaim_subject_export(e, "{\"email\":\"nobody@example.pl\"}", &out), RECLAIM_OK);
  CHECK(json_array_len(out, "cases") == 0 && json_array_len(out, "orders") == 0);
  reclaim_free(out);
  out = NULL;

  /* Jan's export, then his erasure: the open case is kept, and his order with it. */
  CHECK_STATUS(reclaim_subject_export(e, "{\"email\":\"JAN@example.pl\"}", &out), RECLAIM_OK);
  CHECK(json_array_len(out, "cases") == 1 && json_array_len(out, "orders") == 1);
  CHECK_CONTAINS(out, "Jan Kowalski");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_subject_erase(e, ERASE("jan@example.pl", "supervisor"), &out), RECLAIM_OK);
  CHECK(json_array_len(out, "kept") == 1);
  CHECK_CONTAINS(out, "\"why\":\"open\"");
  reclaim_free(out);
  out = NULL;

  /* Rejected, the case may go: it is anonymised, and Jan is found no more. */
  snprintf(act, sizeof act,
           "{\"action\":\"reject\",\"actor\":{\"role\":\"supervisor\",\"id\":\"eva\"},"
           "\"reason\":\"wear and tear\"}");
  CHECK_STATUS(reclaim_case_act(e, number, act, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_subject_erase(e, ERASE("jan@example.pl", "host"), &out), RECLAIM_OK);
  {
    long long cases = -1, orders = -1;
    CHECK(json_int(out, "erased.cases", &cases) && cases == 1);
    CHECK(json_int(out, "erased.orders", &orders) && orders == 1);
  }
  reclaim_free(out);
  out = NULL;
  CHECK(cases_of(e, "jan@example.pl") == 0);
  CHECK_STATUS(reclaim_case_get(e, number, &out), RECLAIM_OK);
  CHECK(strstr(out, "Jan Kowalski") == NULL && strstr(out, "jan@example.pl") == NULL);
  CHECK_CONTAINS(out, "\"anonymised_at\":\"");
  reclaim_free(out);
  out = NULL;
  /* It takes no more actions. */
  CHECK_STATUS(reclaim_case_act(e, number,
                                "{\"action\":\"reopen\",\"actor\":{\"role\":\"supervisor\"},"
                                "\"reason\":\"again\"}",
                                NULL),
               RECLAIM_NOT_ALLOWED);

  reclaim_close(e);
  return TEST_SUMMARY();
}
