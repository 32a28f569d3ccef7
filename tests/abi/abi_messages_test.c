/*
 * abi_messages_test.c — the mail outbox through the public C ABI, as a host with its own mailer
 * uses it: messages written with their change, read by cursor, acknowledged; NULLs, malformed,
 * hostile and oversized documents, unknown ids (nothing changes), and a retry.
 */
#include "abi_test.h"

/* The first element of the array at `path` (its opening brace), or NULL. */
static const char *first_of(const char *doc, const char *path) {
  const char *p = doc ? json_path(doc, path) : NULL;
  if (p == NULL || *p != '[') return NULL;
  p = json_ws(p + 1);
  return *p == '{' ? p : NULL;
}

static void expect_invalid(int rc, char *out, const char *field, const char *what) {
  char got[128] = "";
  if (abi_check_status(__FILE__, __LINE__, what, rc, RECLAIM_INVALID_ARGUMENT, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\" for %s", got, field, what);
    }
  }
  reclaim_free(out);
}

static void read_invalid(reclaim_engine *e, const char *query, const char *field) {
  char *out = NULL;
  int rc = reclaim_messages_read(e, query, &out);
  expect_invalid(rc, out, field, query);
}

static void ack_invalid(reclaim_engine *e, const char *ack, const char *field) {
  char *out = NULL;
  int rc = reclaim_messages_ack(e, ack, &out);
  expect_invalid(rc, out, field, ack ? ack : "(null)");
}

/* The first message's id and status (into id, status); its count of messages. */
static void preview_invalid(reclaim_engine *e, const char *request, const char *field) {
  char *out = NULL;
  int rc = reclaim_message_preview(e, request, &out);
  expect_invalid(rc, out, field, request ? request : "(null)");
}

static long first_message(reclaim_engine *e, const char *query, char *id, size_t size,
                          char *status) {
  char *out = NULL;
  long n;
  int rc = reclaim_messages_read(e, query, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  n = json_array_len(out, "messages");
  if (n > 0) {
    json_str(first_of(out, "messages"), "id", id, size);
    json_str(first_of(out, "messages"), "status", status, 16);
  }
  reclaim_free(out);
  return n;
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL;
  char id[64] = "", status[16] = "", ack[256];
  char *big;
  long n;
  size_t i;
  int rc;

  if (!e) return TEST_SUMMARY();

  /* NULLs */
  CHECK_STATUS(reclaim_messages_read(NULL, "{}", &out), RECLAIM_INVALID_ARGUMENT);
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_messages_ack(NULL, "{}", NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_messages_read(e, NULL, NULL), RECLAIM_OK);
  ack_invalid(e, NULL, "ack_json");

  /* Nothing yet. */
  CHECK(first_message(e, NULL, id, sizeof id, status) == 0);

  /* A case opened: its acknowledgement is in the outbox, in the customer's language. */
  rc = reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_messages_read(e, "{\"after\":0,\"limit\":10}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_array_len(out, "messages") == 1);
  CHECK(json_str_eq(first_of(out, "messages"), "template", "case.acknowledged"));
  CHECK(json_str_eq(first_of(out, "messages"), "to", "jan@example.pl"));
  CHECK(json_str_eq(first_of(out, "messages"), "locale", "pl"));
  CHECK(json_str_eq(first_of(out, "messages"), "status", "pending"));
  CHECK_CONTAINS(out, "[RC-2026-000001]");
  CHECK_CONTAINS(out, "\"Message-ID\":\"<reclaim.RC-2026-000001.m_");
  reclaim_free(out);
  out = NULL;

  /* Malformed and hostile queries and acknowledgements change nothing. */
  read_invalid(e, "", NULL);
  read_invalid(e, "[]", NULL);
  read_invalid(e, "{\"after\":-1}", "after");
  read_invalid(e, "{\"limit\":0}", "limit");
  read_invalid(e, "{\"status\":\"lost\"}", "status");
  read_invalid(e, "{\"channel\":\"fax\"}", "channel");
  read_invalid(e, "{\"extra\":1}", "extra");
  read_invalid(e, "{\"shop\":\"\\u0000\"}", "shop");
  ack_invalid(e, "{", NULL);
  ack_invalid(e, "{}", "ids");
  ack_invalid(e, "{\"ids\":[],\"result\":\"sent\"}", "ids");
  ack_invalid(e, "{\"ids\":[1],\"result\":\"sent\"}", "ids[0]");
  ack_invalid(e, "{\"ids\":[\"m_x\"],\"result\":\"delivered\"}", "result");
  ack_invalid(e, "{\"ids\":[\"m_x\"]}", "result");
  ack_invalid(e, "{\"ids\":[\"\\xff\\xfe\"],\"result\":\"sent\"}", NULL);
  big = (char *)malloc(2u * 1024 * 1024);
  CHECK(big != NULL);
  if (big) {
    strcpy(big, "{\"ids\":[\"");
    for (i = strlen(big); i < 2u * 1024 * 1024 - 32; ++i) big[i] = 'a';
    strcpy(big + i, "\"],\"result\":\"sent\"}");
    ack_invalid(e, big, NULL);
    free(big);
  }

  /* An unknown id beside a known one: not found, naming it, and the known one unchanged. */
  n = first_message(e, NULL, id, sizeof id, status);
  CHECK(n == 1);
  snprintf(ack, sizeof ack, "{\"ids\":[\"%s\",\"m_nope\"],\"result\":\"sent\"}", id);
  rc = reclaim_messages_ack(e, ack, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK(json_str_eq(out, "error.field", "ids[1]"));
  reclaim_free(out);
  out = NULL;
  first_message(e, NULL, id, sizeof id, status);
  CHECK(strcmp(status, "pending") == 0);

  /* Sent: no longer pending. */
  snprintf(ack, sizeof ack, "{\"ids\":[\"%s\"],\"result\":\"sent\"}", id);
  rc = reclaim_messages_ack(e, ack, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"changed\":1");
  reclaim_free(out);
  out = NULL;
  CHECK(first_message(e, "{\"status\":\"pending\"}", id, sizeof id, status) == 0);
  CHECK(first_message(e, "{\"status\":\"sent\"}", id, sizeof id, status) == 1);

  /* Failed, then retried: pending again, attempts counted anew. */
  snprintf(ack, sizeof ack, "{\"ids\":[\"%s\"],\"result\":\"failed\",\"error\":\"550\"}", id);
  CHECK_STATUS(reclaim_messages_ack(e, ack, NULL), RECLAIM_OK);
  rc = reclaim_messages_read(e, "{\"status\":\"failed\"}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"error\":\"550\"");
  reclaim_free(out);
  out = NULL;
  snprintf(ack, sizeof ack, "{\"ids\":[\"%s\"],\"result\":\"retry\"}", id);
  CHECK_STATUS(reclaim_messages_ack(e, ack, NULL), RECLAIM_OK);
  CHECK(first_message(e, "{\"status\":\"pending\"}", id, sizeof id, status) == 1);

  /* A preview renders the acknowledgement again, in another language, and queues nothing. */
  CHECK_STATUS(reclaim_message_preview(NULL, "{}", NULL), RECLAIM_INVALID_ARGUMENT);
  preview_invalid(e, NULL, "request_json");
  preview_invalid(e, "{", NULL);
  preview_invalid(e, "{\"case\":\"RC-2026-000001\"}", "template");
  preview_invalid(e, "{\"template\":\"case.acknowledged\"}", "case");
  preview_invalid(e, "{\"template\":\"case.nope\",\"case\":\"RC-2026-000001\"}", "template");
  preview_invalid(e, "{\"template\":\"case.acknowledged\",\"case\":\"RC-2026-000001\",\"locale\":\"xx\"}",
                  "locale");
  preview_invalid(e, "{\"template\":\"case.acknowledged\",\"case\":\"\xff\xfe\"}", NULL);
  rc = reclaim_message_preview(e, "{\"template\":\"case.decided\",\"case\":\"RC-2026-000001\"}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK(json_str_eq(out, "error.field", "template"));
  reclaim_free(out);
  out = NULL;
  rc = reclaim_message_preview(
      e, "{\"template\":\"case.acknowledged\",\"case\":\"RC-2026-000001\",\"locale\":\"ru\"}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_str_eq(out, "locale", "ru"));
  CHECK(json_str_eq(out, "to", "jan@example.pl"));
  CHECK_CONTAINS(out, "[RC-2026-000001]");
  CHECK_CONTAINS(out, "<html lang=\\\"ru\\\">");
  reclaim_free(out);
  out = NULL;
  rc = reclaim_messages_read(e, "{}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_array_len(out, "messages") == 1);
  reclaim_free(out);
  out = NULL;

  /* The cursor: nothing after the last. */
  rc = reclaim_messages_read(e, "{\"after\":1}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_array_len(out, "messages") == 0);
  CHECK_CONTAINS(out, "\"next\":1");
  reclaim_free(out);

  reclaim_close(e);
  return TEST_SUMMARY();
}
