/*
 * abi_report_test.c — reclaim_report through the public C ABI: a small history reported as
 * JSON and CSV, NULLs, malformed and hostile queries, invalid UTF-8, oversized input, and
 * queries the contract refuses (each with a valid error document naming the field).
 */
#include "abi_test.h"

static reclaim_engine *E;

#define REPORT_EXPECT(query, want, field)                                  \
  do {                                                                     \
    char *out_ = NULL;                                                     \
    int rc_ = reclaim_report(E, (query), &out_);                           \
    if (abi_check_status(__FILE__, __LINE__, #query, rc_, (want), out_)) { \
      abi_check_error_doc(__FILE__, __LINE__, out_, rc_);                  \
      if ((field) != NULL) {                                               \
        char needle_[128];                                                 \
        sprintf(needle_, "\"field\":\"%.100s\"", (const char *)(field));   \
        abi_check_contains(__FILE__, __LINE__, out_, needle_);             \
      }                                                                    \
    }                                                                      \
    reclaim_free(out_);                                                    \
  } while (0)

static void build_history(void) {
  char *out = NULL;
  char *case_doc = NULL;
  char id[64];
  int rc = reclaim_order_import(E, "default", "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_open(E, ABI_CASE_OPEN_CUSTOMER, &case_doc);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, case_doc);
  CHECK(json_str(case_doc, "id", id, sizeof id));
  reclaim_free(case_doc);
  /* Accepted as a refund six hours later. */
  CHECK_STATUS(reclaim_clock_set(E, ABI_T0_MS + 6 * 3600000LL), RECLAIM_OK);
  rc = reclaim_case_act(E, id,
                        "{\"action\":\"accept\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                        "\"resolution\":{\"type\":\"refund\"}}",
                        &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
}

static void test_json_report(void) {
  char *out = NULL;
  long long n = 0;
  int rc = reclaim_report(E,
                          "{\"shop\":\"default\",\"from\":\"2026-11-01\",\"to\":\"2026-11-30\","
                          "\"group_by\":\"sku\",\"min_units_sold\":1}",
                          &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK(json_str_eq(out, "group_by", "sku"));
  CHECK(json_array_len(out, "groups") == 1);
  CHECK(json_int(out, "totals.opened", &n) && n == 1);
  CHECK(json_int(out, "totals.decided", &n) && n == 1);
  CHECK_CONTAINS(out, "\"key\":\"KET-1\"");
  CHECK_CONTAINS(out, "\"handling_hours\":{\"mean\":6.0,\"median\":6.0,\"p90\":6.0}");
  CHECK_CONTAINS(out, "\"acceptance_rate\":1.0");
  CHECK_CONTAINS(out, "\"refunded\":[{\"amount\":\"199.99\",\"currency\":\"PLN\"}]");
  CHECK_CONTAINS(out, "\"units_sold\":2,\"units_claimed\":1,\"claim_rate\":0.5");
  CHECK_CONTAINS(out, "\"satisfaction\":{\"target\":0.9,\"value\":null,\"met\":null}");
  reclaim_free(out);

  /* NULL query: this month so far, all shops. */
  out = NULL;
  rc = reclaim_report(E, NULL, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK_CONTAINS(out, "\"shop\":null");
  CHECK_CONTAINS(out, "\"from\":\"2026-11-01\"");
  reclaim_free(out);

  /* No out_json: the status alone. */
  CHECK_STATUS(reclaim_report(E, "{}", NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_report(E, "{\"group_by\":\"x\"}", NULL), RECLAIM_INVALID_ARGUMENT);
}

static void test_csv_report(void) {
  char *out = NULL;
  char format[16];
  int rc =
      reclaim_report(E, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"format\":\"csv\"}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK(json_str(out, "format", format, sizeof format) && strcmp(format, "csv") == 0);
  CHECK_CONTAINS(out, "\"body\":\"key,opened,decided,");
  CHECK_CONTAINS(out, "\\r\\nall,1,1,0,1,0,1,0,1,6,6,6,");
  reclaim_free(out);
}

static void test_html_report(void) {
  char *out = NULL;
  char format[16];
  int rc = reclaim_report(
      E, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"format\":\"html\",\"locale\":\"ru\"}",
      &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK(json_str(out, "format", format, sizeof format) && strcmp(format, "html") == 0);
  CHECK_CONTAINS(out, "\"body\":\"<div class=\\\"rc-report\\\" lang=\\\"ru\\\"");
  CHECK_CONTAINS(out, "<svg");
  CHECK(strstr(out, "<script") == NULL);
  reclaim_free(out);
}

static void test_refused(void) {
  char *big;
  size_t size = 2u * 1024u * 1024u, i;
  REPORT_EXPECT("{\"group_by\":\"colour\"}", RECLAIM_INVALID_ARGUMENT, "group_by");
  REPORT_EXPECT("{\"from\":\"2026-11-30\",\"to\":\"2026-11-01\"}", RECLAIM_INVALID_ARGUMENT, "to");
  REPORT_EXPECT("{\"from\":\"2010-01-01\",\"to\":\"2026-01-01\"}", RECLAIM_INVALID_ARGUMENT, "to");
  REPORT_EXPECT("{\"from\":\"2026-02-30\"}", RECLAIM_INVALID_ARGUMENT, "from");
  REPORT_EXPECT("{\"shop\":\"nowhere\"}", RECLAIM_NOT_FOUND, "shop");
  REPORT_EXPECT("{\"format\":\"html\",\"locale\":\"xx\"}", RECLAIM_INVALID_ARGUMENT, "locale");
  REPORT_EXPECT("{\"limit\":-1}", RECLAIM_INVALID_ARGUMENT, "limit");
  REPORT_EXPECT("{\"kind\":[\"complaint\"]}", RECLAIM_INVALID_ARGUMENT, "kind");
  REPORT_EXPECT("{\"shop\":{\"id\":1}}", RECLAIM_INVALID_ARGUMENT, "shop");
  REPORT_EXPECT("{\"extra\":1}", RECLAIM_INVALID_ARGUMENT, "extra");
  /* Malformed, hostile, not UTF-8. */
  REPORT_EXPECT("{", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("[]", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("null", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("{\"shop\":\"default\"} trailing", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("{\"shop\":\"\xff\xfe\"}", RECLAIM_INVALID_ARGUMENT, NULL);
  REPORT_EXPECT("{\"group_by\":\"sku\\u0000\"}", RECLAIM_INVALID_ARGUMENT, "group_by");
  REPORT_EXPECT(
      "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
      "]]]]]]]]]]]]]]]]}",
      RECLAIM_INVALID_ARGUMENT, NULL);
  /* Oversized: a 2 MB query. */
  big = (char *)malloc(size + 32);
  if (big != NULL) {
    strcpy(big, "{\"shop\":\"");
    for (i = strlen(big); i < size; ++i) big[i] = 'a';
    strcpy(big + size, "\"}");
    REPORT_EXPECT(big, RECLAIM_INVALID_ARGUMENT, NULL);
    free(big);
  }
  /* NULL engine. */
  {
    char *out = NULL;
    int rc = reclaim_report(NULL, "{}", &out);
    if (abi_check_status(__FILE__, __LINE__, "reclaim_report(NULL)", rc, RECLAIM_INVALID_ARGUMENT,
                         out))
      abi_check_error_doc(__FILE__, __LINE__, out, rc);
    reclaim_free(out);
  }
}

int main(void) {
  E = abi_open_memory();
  if (E == NULL) return TEST_SUMMARY();
  build_history();
  test_json_report();
  test_csv_report();
  test_html_report();
  test_refused();
  reclaim_close(E);
  return TEST_SUMMARY();
}
