/*
 * abi_documents_test.c — reclaim_document through the public C ABI: NULLs, malformed, oversized
 * and non-UTF-8 input, an unknown type, language or case, a decision letter before the decision,
 * and each document as a PDF (base64 of "%PDF-…") once the case allows it.
 */
#include "abi_test.h"

static void expect_status(reclaim_engine *e, const char *ref, const char *request, int want,
                          const char *field, const char *rule) {
  char *out = NULL;
  char got[128] = "";
  int rc = reclaim_document(e, ref, request, &out);
  if (abi_check_status(__FILE__, __LINE__, request ? request : "(null)", rc, want, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\" for %s", got, field,
                request ? request : "(null)");
    }
    if (rule) CHECK(json_str_eq(out, "error.rule", rule));
  }
  reclaim_free(out);
}

/* A document made: its file name, type and the PDF's first bytes in base64 ("%PDF-" = JVBERi0). */
static void expect_pdf(reclaim_engine *e, const char *request, const char *filename) {
  char *out = NULL;
  int rc = reclaim_document(e, "RC-2026-000001", request, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  if (rc == RECLAIM_OK) {
    CHECK(json_str_eq(out, "filename", filename));
    CHECK(json_str_eq(out, "content_type", "application/pdf"));
    CHECK_CONTAINS(out, "\"data_base64\":\"JVBERi0");
  }
  reclaim_free(out);
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL;
  char *big;
  size_t i;
  int rc;

  if (!e) return TEST_SUMMARY();

  rc = reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;

  /* NULLs: a NULL engine, case or request is refused, a NULL out_json is allowed. */
  CHECK_STATUS(reclaim_document(NULL, "RC-2026-000001", "{\"type\":\"return_slip\"}", &out),
               RECLAIM_INVALID_ARGUMENT);
  reclaim_free(out);
  out = NULL;
  expect_status(e, NULL, "{\"type\":\"return_slip\"}", RECLAIM_INVALID_ARGUMENT, "case_ref", NULL);
  expect_status(e, "RC-2026-000001", NULL, RECLAIM_INVALID_ARGUMENT, "request_json", NULL);
  CHECK_STATUS(reclaim_document(e, "RC-2026-000001", "{\"type\":\"return_slip\"}", NULL),
               RECLAIM_OK);
  CHECK_STATUS(reclaim_document(e, NULL, NULL, NULL), RECLAIM_INVALID_ARGUMENT);

  /* Malformed requests name the field at fault. */
  expect_status(e, "RC-2026-000001", "", RECLAIM_INVALID_ARGUMENT, NULL, NULL);
  expect_status(e, "RC-2026-000001", "{", RECLAIM_INVALID_ARGUMENT, NULL, NULL);
  expect_status(e, "RC-2026-000001", "[]", RECLAIM_INVALID_ARGUMENT, NULL, NULL);
  expect_status(e, "RC-2026-000001", "{}", RECLAIM_INVALID_ARGUMENT, "type", NULL);
  expect_status(e, "RC-2026-000001", "{\"type\":\"invoice\"}", RECLAIM_INVALID_ARGUMENT, "type",
                NULL);
  expect_status(e, "RC-2026-000001", "{\"type\":7}", RECLAIM_INVALID_ARGUMENT, "type", NULL);
  expect_status(e, "RC-2026-000001", "{\"type\":\"return_slip\",\"locale\":\"de\"}",
                RECLAIM_INVALID_ARGUMENT, "locale", NULL);
  expect_status(e, "RC-2026-000001", "{\"type\":\"return_slip\",\"copies\":2}",
                RECLAIM_INVALID_ARGUMENT, "copies", NULL);
  /* Not UTF-8: in the request, and as the case reference. */
  expect_status(e, "RC-2026-000001", "{\"type\":\"\xff\xfe\"}", RECLAIM_INVALID_ARGUMENT, NULL,
                NULL);
  expect_status(e, "RC-\xc3\x28", "{\"type\":\"return_slip\"}", RECLAIM_INVALID_ARGUMENT,
                "case_ref", NULL);
  expect_status(e, "", "{\"type\":\"return_slip\"}", RECLAIM_INVALID_ARGUMENT, "case_ref", NULL);

  /* Oversized: a request of 2 MiB, a case reference of 64 KiB. */
  big = (char *)malloc(2u * 1024 * 1024);
  CHECK(big != NULL);
  if (big) {
    strcpy(big, "{\"type\":\"");
    for (i = strlen(big); i < 2u * 1024 * 1024 - 8; ++i) big[i] = 'a';
    strcpy(big + i, "\"}");
    expect_status(e, "RC-2026-000001", big, RECLAIM_INVALID_ARGUMENT, NULL, NULL);
    for (i = 0; i < 64u * 1024; ++i) big[i] = 'R';
    big[i] = '\0';
    expect_status(e, big, "{\"type\":\"return_slip\"}", RECLAIM_INVALID_ARGUMENT, "case_ref", NULL);
    free(big);
  }

  /* An unknown case; a decision letter before the decision. */
  expect_status(e, "RC-2026-999999", "{\"type\":\"complaint_receipt\"}", RECLAIM_NOT_FOUND, NULL,
                NULL);
  expect_status(e, "RC-2026-000001", "{\"type\":\"decision_letter\"}", RECLAIM_NOT_ALLOWED, "type",
                "not_decided");

  /* The receipt and the slip now, in the customer's language or the one asked for. */
  expect_pdf(e, "{\"type\":\"complaint_receipt\"}", "RC-2026-000001-complaint_receipt-pl.pdf");
  expect_pdf(e, "{\"type\":\"return_slip\",\"locale\":\"ru\"}",
             "RC-2026-000001-return_slip-ru.pdf");

  /* Decided: the letter. */
  rc = reclaim_case_act(e, "RC-2026-000001",
                        "{\"action\":\"reject\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                        "\"reason\":\"Uszkodzenie mechaniczne z winy użytkownika\"}",
                        &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  expect_pdf(e, "{\"type\":\"decision_letter\",\"locale\":\"en\"}",
             "RC-2026-000001-decision_letter-en.pdf");
  expect_pdf(e, "{\"type\":\"decision_letter\"}", "RC-2026-000001-decision_letter-pl.pdf");

  reclaim_close(e);
  return TEST_SUMMARY();
}
