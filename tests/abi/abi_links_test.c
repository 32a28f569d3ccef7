/*
 * abi_links_test.c — status links through the public C ABI (issue 18, finding 5): the secret
 * from an environment variable, staff renewing a case's links with reclaim_case_act's
 * "renew_link" (the earlier link is refused by reclaim_http_handle at once), and a link that
 * works only at the endpoint of its own shop.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"

#define SECRET_VAR "RECLAIM_ABI_LINKS_SECRET"
#define SECRET_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static const char *const CONFIG =
    "{\"database\":\"sqlite::memory:\",\"secret_env\":\"" SECRET_VAR "\",\"secret_id\":\"k1\","
    "\"shops\":[{\"id\":\"default\"},{\"id\":\"shop-b\",\"case_prefix\":\"RB\"}]}";

static const char *const CASE_A =
    "{\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"anna\"},"
    "\"customer\":{\"email\":\"jan@example.pl\"},\"items\":[{\"sku\":\"KET-1\",\"name\":\"Kettle\","
    "\"qty\":1,\"unit_price\":\"10.00\",\"currency\":\"PLN\",\"reason\":\"defect\"}]}";
static const char *const CASE_B =
    "{\"shop\":\"shop-b\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"anna\"},"
    "\"customer\":{\"email\":\"jan@example.pl\"},\"items\":[{\"sku\":\"KET-1\",\"name\":\"Kettle\","
    "\"qty\":1,\"unit_price\":\"10.00\",\"currency\":\"PLN\",\"reason\":\"defect\"}]}";

/* The HTTP status of GET /c/TOKEN through reclaim_http_handle; 0 when the call failed. */
static int status_page(reclaim_engine *e, const char *token) {
  char request[512];
  char *out = NULL;
  long long status = 0;
  sprintf(request, "{\"method\":\"GET\",\"path\":\"/c/%s\"}", token);
  if (reclaim_http_handle(e, request, &out) != RECLAIM_OK || !json_int(out, "status", &status)) {
    status = 0;
  }
  reclaim_free(out);
  return (int)status;
}

int main(void) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  char token_a[256] = "", renewed[256] = "", token_b[256] = "", number_a[64] = "";

  /* The variable named by "secret_env" must be set. */
  unsetenv(SECRET_VAR);
  CHECK_STATUS(reclaim_open(CONFIG, &e, &out), RECLAIM_INVALID_ARGUMENT);
  CHECK_CONTAINS(out, "\"field\":\"secret_env\"");
  reclaim_free(out);
  CHECK(e == NULL);

  setenv(SECRET_VAR, SECRET_HEX, 1);
  CHECK_STATUS(reclaim_open(CONFIG, &e, &out), RECLAIM_OK);
  reclaim_free(out);

  CHECK_STATUS(reclaim_case_open(e, CASE_A, &out), RECLAIM_OK);
  CHECK(json_str(out, "status_token", token_a, sizeof token_a));
  CHECK(json_str(out, "number", number_a, sizeof number_a));
  CHECK_CONTAINS(out, ".k1.0.");  /* signed by key "k1", link version 0 */
  reclaim_free(out);
  CHECK_STATUS(reclaim_case_open(e, CASE_B, &out), RECLAIM_OK);
  CHECK(json_str(out, "status_token", token_b, sizeof token_b));
  reclaim_free(out);

  /* The default endpoint serves shop "default": its own link opens, shop B's does not. */
  CHECK(status_page(e, token_a) == 200);
  CHECK(status_page(e, token_b) == 404);

  /* Staff renew the links: the earlier one is refused at once, the new one opens the page. */
  CHECK_STATUS(reclaim_case_act(e, number_a,
                                "{\"action\":\"renew_link\",\"actor\":{\"role\":\"agent\",\"id\":\"anna\"}}",
                                &out),
               RECLAIM_OK);
  CHECK(json_str(out, "status_token", renewed, sizeof renewed));
  CHECK_CONTAINS(out, "\"link_version\":1");
  reclaim_free(out);
  CHECK(strcmp(renewed, token_a) != 0);
  CHECK(status_page(e, token_a) == 404);
  CHECK(status_page(e, renewed) == 200);
  CHECK_STATUS(reclaim_events_read(e, "{\"after\":0,\"limit\":100}", &out), RECLAIM_OK);
  CHECK_CONTAINS(out, "\"type\":\"case.link_renewed\"");
  reclaim_free(out);

  /* An endpoint for shop B: shop B's link opens there, shop A's does not. */
  CHECK_STATUS(reclaim_http_start(e, "{\"listen\":\"127.0.0.1:0\",\"shop\":\"shop-b\"}", &out),
               RECLAIM_OK);
  reclaim_free(out);
  CHECK(status_page(e, token_b) == 200);
  CHECK(status_page(e, renewed) == 404);
  CHECK_STATUS(reclaim_http_stop(e), RECLAIM_OK);

  reclaim_close(e);
  unsetenv(SECRET_VAR);
  return TEST_SUMMARY();
}
