/*
 * abi_null_test.c — NULL pointers, status names and versions through the public C ABI.
 *
 * Every fallible function given NULL where a pointer is required must return
 * RECLAIM_INVALID_ARGUMENT with an error document (never crash); reclaim_close(NULL) and
 * reclaim_free(NULL) are harmless; out_json may be NULL.
 */
#include "abi_test.h"

/* Checks that a call returned RECLAIM_INVALID_ARGUMENT and produced a valid error document. */
#define EXPECT_INVALID(call)                                                                  \
  do {                                                                                        \
    char *out = NULL;                                                                         \
    int rc_ = (call);                                                                         \
    if (abi_check_status(__FILE__, __LINE__, #call, rc_, RECLAIM_INVALID_ARGUMENT, out))      \
      abi_check_error_doc(__FILE__, __LINE__, out, rc_);                                      \
    reclaim_free(out);                                                                        \
  } while (0)

/* Same, with out_json NULL: only the status is checked. */
#define EXPECT_INVALID_NO_OUT(call)                                                           \
  abi_check_status(__FILE__, __LINE__, #call, (call), RECLAIM_INVALID_ARGUMENT, NULL)

static void test_library_functions(void) {
  static const char *const names[] = {"ok",       "invalid_argument", "not_found",
                                      "conflict", "not_allowed",      "storage",
                                      "busy",     "unsupported",      "internal"};
  int i;
  const char *v = reclaim_version();
  int dots = 0, digits = 0, ok = v != NULL;

  for (i = 0; i <= 8; ++i) {
    const char *n = reclaim_status_name(i);
    CHECK_MSG(n != NULL && strcmp(n, names[i]) == 0, "reclaim_status_name(%d) = \"%s\"", i,
              n ? n : "(null)");
  }
  CHECK(strcmp(reclaim_status_name(RECLAIM_OK), "ok") == 0);
  CHECK(strcmp(reclaim_status_name(RECLAIM_INTERNAL), "internal") == 0);
  CHECK(reclaim_status_name(99) != NULL && strcmp(reclaim_status_name(99), "unknown") == 0);
  CHECK(reclaim_status_name(-1) != NULL && strcmp(reclaim_status_name(-1), "unknown") == 0);
  CHECK(reclaim_status_name(9) != NULL && strcmp(reclaim_status_name(9), "unknown") == 0);
  /* Static strings: the same pointer every time. */
  CHECK(reclaim_status_name(3) == reclaim_status_name(3));

  CHECK(reclaim_abi_version() == RECLAIM_ABI_VERSION);

  /* "MAJOR.MINOR.PATCH": digits separated by exactly two dots, nothing else. */
  if (ok) {
    const char *p = v;
    int run = 0;
    for (; *p; ++p) {
      if (*p >= '0' && *p <= '9') {
        ++digits;
        ++run;
      } else if (*p == '.' && run > 0) {
        ++dots;
        run = 0;
      } else {
        ok = 0;
      }
    }
    if (run == 0) ok = 0;
  }
  CHECK_MSG(ok && dots == 2 && digits >= 3, "reclaim_version() = \"%s\"", v ? v : "(null)");
  CHECK(reclaim_version() == v);

  reclaim_free(NULL);
  reclaim_close(NULL);
  CHECK(1); /* survived */
}

static void test_open_nulls(void) {
  const char *cfg = "{\"database\":\"sqlite::memory:\",\"clock\":\"manual\"}";
  reclaim_engine *e = (reclaim_engine *)&e; /* a non-NULL junk value that must be reset */
  char *out = NULL;
  int rc;

  rc = reclaim_open(NULL, &e, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_INVALID_ARGUMENT, out);
  CHECK_ERROR_DOC(out, rc);
  CHECK_MSG(e == NULL, "reclaim_open failed but *out_engine is not NULL");
  reclaim_free(out);
  out = NULL;

  rc = reclaim_open(cfg, NULL, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_INVALID_ARGUMENT, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);

  EXPECT_INVALID_NO_OUT(reclaim_open(NULL, NULL, NULL));

  e = NULL;
  rc = reclaim_open(NULL, &e, NULL);
  CHECK_STATUS(rc, RECLAIM_INVALID_ARGUMENT);
  CHECK(e == NULL);

  /* out_json NULL is fine on success too. */
  e = NULL;
  rc = reclaim_open(cfg, &e, NULL);
  CHECK_STATUS(rc, RECLAIM_OK);
  CHECK(e != NULL);
  reclaim_close(e);

  /* The open result document. */
  e = NULL;
  out = NULL;
  rc = reclaim_open(cfg, &e, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK_CONTAINS(out, "\"abi\":1");
  CHECK_CONTAINS(out, "\"database\":\"sqlite\"");
  CHECK_CONTAINS(out, "\"default\"");
  CHECK(json_str_eq(out, "version", reclaim_version()));
  reclaim_free(out);
  reclaim_close(e);
}

static void test_null_engine(void) {
  /* Every function that takes an engine, with a NULL engine and otherwise good arguments. */
  EXPECT_INVALID_NO_OUT(reclaim_clock_set(NULL, ABI_T0_MS));
  EXPECT_INVALID(reclaim_tick(NULL, &out));
  EXPECT_INVALID(reclaim_policy_set(NULL, "default", "{}", &out));
  EXPECT_INVALID(reclaim_policy_get(NULL, "default", &out));
  EXPECT_INVALID(reclaim_eligibility_check(NULL, "{}", &out));
  EXPECT_INVALID(reclaim_order_import(NULL, "default", "reclaim", ABI_ORDER_1001, &out));
  EXPECT_INVALID(reclaim_order_get(NULL, "default", "1001", &out));
  EXPECT_INVALID(reclaim_case_open(NULL, ABI_CASE_OPEN_STAFF, &out));
  EXPECT_INVALID(reclaim_case_get(NULL, "RC-2026-000001", &out));
  EXPECT_INVALID(reclaim_case_list(NULL, "{}", &out));
  EXPECT_INVALID(reclaim_case_act(NULL, "RC-2026-000001", ABI_COMMENT, &out));
  EXPECT_INVALID(reclaim_events_read(NULL, "{\"after\":0}", &out));
  EXPECT_INVALID(reclaim_report(NULL, "{}", &out));
  EXPECT_INVALID(reclaim_host_payload(NULL, "RC-2026-000001", "woocommerce", &out));
  EXPECT_INVALID(reclaim_http_start(NULL, "{}", &out));
  EXPECT_INVALID_NO_OUT(reclaim_http_stop(NULL));
  EXPECT_INVALID(reclaim_http_handle(NULL, "{}", &out));

  /* ... and with out_json NULL as well. */
  EXPECT_INVALID_NO_OUT(reclaim_tick(NULL, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_order_import(NULL, NULL, "reclaim", ABI_ORDER_1001, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_case_open(NULL, ABI_CASE_OPEN_STAFF, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_case_get(NULL, NULL, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_case_list(NULL, NULL, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_case_act(NULL, NULL, NULL, NULL));
  EXPECT_INVALID_NO_OUT(reclaim_events_read(NULL, NULL, NULL));
}

static void test_null_arguments(reclaim_engine *e) {
  char *out = NULL;
  int rc;

  /* A case to act on. */
  rc = reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"number\":\"RC-2026-000001\"");
  reclaim_free(out);

  /* Orders: adapter and document are required (shop NULL means "default"). */
  EXPECT_INVALID(reclaim_order_import(e, "default", NULL, ABI_ORDER_1001, &out));
  EXPECT_INVALID(reclaim_order_import(e, "default", "reclaim", NULL, &out));
  EXPECT_INVALID(reclaim_order_import(e, NULL, NULL, NULL, &out));
  EXPECT_INVALID(reclaim_order_get(e, "default", NULL, &out));
  EXPECT_INVALID(reclaim_order_get(e, NULL, NULL, &out));

  /* Cases. */
  EXPECT_INVALID(reclaim_case_open(e, NULL, &out));
  EXPECT_INVALID(reclaim_case_get(e, NULL, &out));
  EXPECT_INVALID(reclaim_case_act(e, NULL, ABI_COMMENT, &out));
  EXPECT_INVALID(reclaim_case_act(e, "RC-2026-000001", NULL, &out));
  EXPECT_INVALID(reclaim_case_act(e, NULL, NULL, &out));

  /* A NULL required pointer is an invalid argument, also for functions not in this build. */
  EXPECT_INVALID(reclaim_policy_set(e, "default", NULL, &out));
  EXPECT_INVALID(reclaim_eligibility_check(e, NULL, &out));
  EXPECT_INVALID(reclaim_host_payload(e, NULL, "woocommerce", &out));
  EXPECT_INVALID(reclaim_host_payload(e, "RC-2026-000001", NULL, &out));
  EXPECT_INVALID(reclaim_http_handle(e, NULL, &out));

  /* out_json NULL: allowed, whatever the outcome. */
  CHECK_STATUS(reclaim_case_get(e, "RC-2026-000001", NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_get(e, "RC-2026-999999", NULL), RECLAIM_NOT_FOUND);
  CHECK_STATUS(reclaim_case_list(e, NULL, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_list(e, "{}", NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_events_read(e, NULL, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_order_get(e, NULL, "1001", NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_act(e, "RC-2026-000001", ABI_COMMENT, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_act(e, "RC-2026-000001", "{", NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_case_open(e, NULL, NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_tick(e, NULL), RECLAIM_OK);

  /* NULL query documents mean {}. */
  out = NULL;
  rc = reclaim_case_list(e, NULL, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_array_len(out, "cases") == 1);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_events_read(e, NULL, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_array_len(out, "events") >= 2);
  reclaim_free(out);

  /* The failed calls above wrote nothing: one case, version 2 (opened + one comment). */
  CHECK(abi_case_version(e, "RC-2026-000001") == 2);
}

int main(void) {
  reclaim_engine *e;
  test_library_functions();
  test_open_nulls();
  test_null_engine();
  e = abi_open_memory();
  if (e != NULL) test_null_arguments(e);
  reclaim_close(e);
  return TEST_SUMMARY();
}
