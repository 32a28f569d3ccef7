/*
 * abi_staff_test.c — reclaim_staff_link through the public C ABI: NULLs, malformed, hostile and
 * oversized requests, then a link used through reclaim_http_handle: once 303 with the session
 * cookie, twice 403, and the session's API with that cookie.
 */
#include "abi_test.h"

#define STAFF "{\"id\":\"anna\",\"name\":\"Anna\",\"role\":\"agent\",\"shops\":[\"default\"],\"locale\":\"en\"}"

static void expect_invalid(reclaim_engine *e, const char *request, const char *field) {
  char *out = NULL;
  char got[128] = "";
  int rc = reclaim_staff_link(e, request, &out);
  if (abi_check_status(__FILE__, __LINE__, request ? request : "(null)", rc,
                       RECLAIM_INVALID_ARGUMENT, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\" for %s", got, field,
                request ? request : "(null)");
    }
  }
  reclaim_free(out);
}

/* The value of the rc_staff cookie a response document sets, into buf ("" when none). */
static void session_cookie(const char *doc, char *buf, size_t size) {
  const char *start = doc ? strstr(doc, "rc_staff=") : NULL;
  size_t n = 0;
  buf[0] = 0;
  if (!start) return;
  start += 9;
  while (start[n] && start[n] != ';' && start[n] != '"' && n + 1 < size) ++n;
  memcpy(buf, start, n);
  buf[n] = 0;
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL;
  char path[256] = "", request[512], cookie[128] = "";
  long long status = 0;
  char *big;
  size_t i;

  if (!e) return TEST_SUMMARY();

  /* NULLs */
  expect_invalid(NULL, "{\"staff\":" STAFF "}", NULL);
  expect_invalid(e, NULL, "request_json");
  CHECK_STATUS(reclaim_staff_link(e, NULL, NULL), RECLAIM_INVALID_ARGUMENT);

  /* Malformed and hostile */
  expect_invalid(e, "", NULL);
  expect_invalid(e, "not json", NULL);
  expect_invalid(e, "[]", NULL);
  expect_invalid(e, "{}", "staff");
  expect_invalid(e, "{\"staff\":" STAFF ",\"extra\":1}", "extra");
  expect_invalid(e, "{\"staff\":{\"role\":\"agent\",\"shops\":[\"default\"]}}", "staff.id");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"customer\",\"shops\":[\"default\"]}}", "staff.role");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"host\",\"shops\":[\"default\"]}}", "staff.role");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[]}}", "staff.shops");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[\"nope\"]}}", "staff.shops[0]");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[1]}}", "staff.shops[0]");
  expect_invalid(e, "{\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[\"default\"],\"locale\":\"de\"}}", "staff.locale");
  expect_invalid(e, "{\"staff\":" STAFF ",\"ttl_s\":601}", "ttl_s");
  expect_invalid(e, "{\"staff\":" STAFF ",\"ttl_s\":0}", "ttl_s");
  expect_invalid(e, "{\"staff\":" STAFF ",\"ttl_s\":\"300\"}", "ttl_s");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"https://evil.example/\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"//evil.example/staff/\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"/staff//evil.example\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"/staff/../c/x\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"/staff/\\\\evil\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"/staff/a\\r\\nSet-Cookie: x\"}", "next");
  expect_invalid(e, "{\"staff\":" STAFF ",\"next\":\"/\"}", "next");

  /* Oversized: a request over 64 KB */
  big = (char *)malloc(70000);
  CHECK(big != NULL);
  if (big) {
    strcpy(big, "{\"staff\":{\"id\":\"a\",\"role\":\"agent\",\"shops\":[\"default\"],\"name\":\"");
    for (i = strlen(big); i < 69000; ++i) big[i] = 'x';
    strcpy(big + 69000, "\"}}");
    expect_invalid(e, big, NULL);
    free(big);
  }

  /* A link, used once through reclaim_http_handle */
  CHECK_STATUS_DOC(reclaim_staff_link(e, "{\"staff\":" STAFF ",\"ttl_s\":120,\"next\":\"/staff/\"}", &out),
                   RECLAIM_OK, out);
  CHECK(json_str(out, "path", path, sizeof path));
  CHECK(strncmp(path, "/staff/enter?t=", 15) == 0);
  CHECK(json_str_eq(out, "expires_at", "2026-11-10T09:02:00Z"));
  reclaim_free(out);

  sprintf(request, "{\"method\":\"GET\",\"path\":\"%s\"}", path);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 303);
  CHECK(json_str_eq(out, "headers.Location", "/staff/"));
  CHECK(json_str_eq(out, "headers.Cache-Control", "no-store"));
  CHECK_CONTAINS(out, "HttpOnly");
  CHECK_CONTAINS(out, "SameSite=Strict");
  session_cookie(out, cookie, sizeof cookie);
  CHECK(strlen(cookie) == 43);
  reclaim_free(out);

  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 403);
  reclaim_free(out);

  sprintf(request, "{\"method\":\"GET\",\"path\":\"/staff/api/v1/session\",\"headers\":{\"Cookie\":\"rc_staff=%s\"}}",
          cookie);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  CHECK_CONTAINS(out, "anna");
  reclaim_free(out);

  /* Past the idle timeout the session is gone. */
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS + 31 * 60 * 1000), RECLAIM_OK);
  CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 401);
  reclaim_free(out);

  reclaim_close(e);
  return TEST_SUMMARY();
}
