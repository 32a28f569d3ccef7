/*
 * abi_staff_account_test.c — reclaim_staff_account through the public C ABI: NULLs, malformed,
 * hostile and oversized requests, refused passwords, then an account that signs in at
 * /staff/login through reclaim_http_handle and loses its session when it is removed.
 */
#include "abi_test.h"

#define PASSWORD "correct horse battery staple"
#define ANNA "{\"id\":\"anna\",\"name\":\"Anna\",\"role\":\"agent\",\"shops\":[\"default\"],\"locale\":\"en\"}"

static void expect_status(reclaim_engine *e, const char *request, int want, const char *field) {
  char *out = NULL;
  char got[128] = "";
  int rc = reclaim_staff_account(e, request, &out);
  if (abi_check_status(__FILE__, __LINE__, request ? request : "(null)", rc, want, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\" for %s", got, field,
                request ? request : "(null)");
    }
    /* An error never quotes the password it refused. */
    CHECK_MSG(!out || !strstr(out, "horse"), "the password in %s", out ? out : "");
  }
  reclaim_free(out);
}

/* The value after `marker` in `doc` up to the first of `stops`, into buf ("" when none). */
static void value_after(const char *doc, const char *marker, const char *stops, char *buf,
                        size_t size) {
  const char *start = doc ? strstr(doc, marker) : NULL;
  size_t n = 0;
  buf[0] = 0;
  if (!start) return;
  start += strlen(marker);
  while (start[n] && !strchr(stops, start[n]) && n + 1 < size) ++n;
  memcpy(buf, start, n);
  buf[n] = 0;
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL, *big;
  char request[2048], form_cookie[256] = "", token[256] = "", session[128] = "";
  long long status = 0;
  size_t i;

  if (!e) return TEST_SUMMARY();

  /* NULLs */
  expect_status(NULL, "{\"op\":\"list\"}", RECLAIM_INVALID_ARGUMENT, NULL);
  expect_status(e, NULL, RECLAIM_INVALID_ARGUMENT, "request_json");
  /* As every call: a NULL out_json only drops the answer. */
  CHECK_STATUS(reclaim_staff_account(e, "{\"op\":\"list\"}", NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_staff_account(e, "{\"op\":\"list\"", NULL), RECLAIM_INVALID_ARGUMENT);

  /* Malformed and hostile */
  expect_status(e, "", RECLAIM_INVALID_ARGUMENT, NULL);
  expect_status(e, "not json", RECLAIM_INVALID_ARGUMENT, NULL);
  expect_status(e, "[]", RECLAIM_INVALID_ARGUMENT, NULL);
  expect_status(e, "{}", RECLAIM_INVALID_ARGUMENT, "op");
  expect_status(e, "{\"op\":\"rename\"}", RECLAIM_INVALID_ARGUMENT, "op");
  expect_status(e, "{\"op\":\"add\",\"password\":\"" PASSWORD "\"}", RECLAIM_INVALID_ARGUMENT, "staff");
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA "}", RECLAIM_INVALID_ARGUMENT, "password");
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"horse short\"}",
                RECLAIM_INVALID_ARGUMENT, "password");
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"horse\\u0000 battery staple\"}",
                RECLAIM_INVALID_ARGUMENT, "password");
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":12345678901234}",
                RECLAIM_INVALID_ARGUMENT, "password");
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"" PASSWORD "\",\"x\":1}",
                RECLAIM_INVALID_ARGUMENT, "x");
  expect_status(e, "{\"op\":\"add\",\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[\"nope\"]},"
                   "\"password\":\"" PASSWORD "\"}", RECLAIM_INVALID_ARGUMENT, "staff.shops[0]");
  expect_status(e, "{\"op\":\"add\",\"staff\":{\"id\":\"a b\",\"role\":\"agent\",\"shops\":[\"default\"]},"
                   "\"password\":\"" PASSWORD "\"}", RECLAIM_INVALID_ARGUMENT, "staff.id");
  expect_status(e, "{\"op\":\"list\",\"id\":\"anna\"}", RECLAIM_INVALID_ARGUMENT, "id");
  expect_status(e, "{\"op\":\"remove\"}", RECLAIM_INVALID_ARGUMENT, "id");
  expect_status(e, "{\"op\":\"remove\",\"id\":\"nobody\"}", RECLAIM_NOT_FOUND, "id");
  expect_status(e, "{\"op\":\"passwd\",\"id\":\"nobody\",\"password\":\"" PASSWORD "\"}",
                RECLAIM_NOT_FOUND, "id");
  /* A password over 1024 bytes, and a request over 64 KB. */
  big = (char *)malloc(70000);
  CHECK(big != NULL);
  if (big) {
    strcpy(big, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"");
    for (i = strlen(big); i < 1200; ++i) big[i] = 'x';
    strcpy(big + 1200, "\"}");
    expect_status(e, big, RECLAIM_INVALID_ARGUMENT, "password");
    for (i = 1200; i < 69000; ++i) big[i] = 'x';
    strcpy(big + 69000, "\"}");
    expect_status(e, big, RECLAIM_INVALID_ARGUMENT, NULL);
    free(big);
  }
  CHECK_STATUS_DOC(reclaim_staff_account(e, "{\"op\":\"list\"}", &out), RECLAIM_OK, out);
  CHECK_CONTAINS(out, "{\"accounts\":[]}");
  reclaim_free(out);

  /* add, a second add of the same login, list */
  CHECK_STATUS_DOC(reclaim_staff_account(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"" PASSWORD "\"}",
                                         &out), RECLAIM_OK, out);
  CHECK(json_str_eq(out, "account.id", "anna"));
  CHECK(!strstr(out, "horse") && !strstr(out, "argon2"));
  reclaim_free(out);
  expect_status(e, "{\"op\":\"add\",\"staff\":" ANNA ",\"password\":\"" PASSWORD "\"}", RECLAIM_CONFLICT,
                "staff.id");
  CHECK_STATUS_DOC(reclaim_staff_account(e, "{\"op\":\"list\"}", &out), RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"id\":\"anna\"");
  CHECK(!strstr(out, "horse") && !strstr(out, "argon2"));
  reclaim_free(out);

  /* The form through reclaim_http_handle: its cookie and token, then the post. */
  CHECK_STATUS(reclaim_http_handle(e, "{\"method\":\"GET\",\"path\":\"/staff/login\",\"query\":\"lang=en\"}", &out),
               RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  value_after(out, "rc_csrf=", ";\"", form_cookie, sizeof form_cookie);
  value_after(out, "name=\\\"csrf\\\" value=\\\"", "\\\"", token, sizeof token);
  CHECK(strlen(form_cookie) > 20 && strlen(token) > 20);
  reclaim_free(out);
  snprintf(request, sizeof request,
           "{\"method\":\"POST\",\"path\":\"/staff/login\",\"headers\":{\"Cookie\":\"rc_csrf=%s\","
           "\"Content-Type\":\"application/x-www-form-urlencoded\"},"
           "\"body\":\"login=anna&password=correct+horse+battery+staple&csrf=%s\"}",
           form_cookie, token);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 303);
  CHECK(json_str_eq(out, "headers.Location", "/staff/"));
  value_after(out, "rc_staff=", ";\"", session, sizeof session);
  CHECK(strlen(session) == 43);
  reclaim_free(out);
  snprintf(request, sizeof request,
           "{\"method\":\"GET\",\"path\":\"/staff/api/v1/session\",\"headers\":{\"Cookie\":\"rc_staff=%s\"}}",
           session);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  reclaim_free(out);

  /* Removing the account ends its session. */
  CHECK_STATUS_DOC(reclaim_staff_account(e, "{\"op\":\"remove\",\"id\":\"anna\"}", &out), RECLAIM_OK, out);
  CHECK(json_str_eq(out, "removed", "anna"));
  CHECK(json_int(out, "sessions_ended", &status) && status == 1);
  reclaim_free(out);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 401);
  reclaim_free(out);

  reclaim_close(e);
  return TEST_SUMMARY();
}
