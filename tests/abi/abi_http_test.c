/*
 * abi_http_test.c — the embedded HTTP endpoint through the public C ABI: a request in-process,
 * start on a free port, a real request over a socket, option errors, a second start refused,
 * stop, and reclaim_close while the endpoint still runs.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const CONFIG = "{\"database\":\"sqlite::memory:\"}";
#define PLANTED "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

/* Sends one GET over a socket and returns the status code (0 when there was no answer). */
static int http_get(int port, const char *path) {
  struct sockaddr_in address;
  char request[256], answer[512];
  int fd = socket(AF_INET, SOCK_STREAM, 0), status = 0;
  ssize_t got = 0;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0) return 0;
  if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0) {
    sprintf(request, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path);
    if (send(fd, request, strlen(request), 0) > 0) got = recv(fd, answer, sizeof answer - 1, 0);
    if (got > 12) {
      answer[got] = 0;
      sscanf(answer, "HTTP/1.1 %d", &status);
    }
  }
  close(fd);
  return status;
}

static int port_of(const char *doc) {
  char listen[64] = "";
  const char *colon;
  if (!json_str(doc, "listen", listen, sizeof listen)) return 0;
  colon = strrchr(listen, ':');
  return colon ? atoi(colon + 1) : 0;
}

int main(void) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  long long status = 0;
  int port;

  CHECK_STATUS(reclaim_open(CONFIG, &e, &out), RECLAIM_OK);
  reclaim_free(out);
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, NULL), RECLAIM_OK);

  /* In-process, without a server. */
  CHECK_STATUS(reclaim_http_handle(e, "{\"method\":\"GET\",\"path\":\"/healthz\"}", &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  reclaim_free(out);
  CHECK_STATUS(reclaim_http_handle(e, "{\"method\":\"GET\",\"path\":\"/?lang=en\",\"headers\":{\"Accept-Language\":\"ru\"}}", &out), RECLAIM_OK);
  CHECK_CONTAINS(out, "Check a case");
  CHECK_CONTAINS(out, "Content-Security-Policy");
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_http_handle(e, "{\"method\":\"GET\"}", &out), RECLAIM_INVALID_ARGUMENT, out);
  CHECK_CONTAINS(out, "\"field\":\"path\"");
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_http_handle(e, "not json", &out), RECLAIM_INVALID_ARGUMENT, out);
  reclaim_free(out);

  /* Finding 9: "//host/" must not come back as a protocol-relative link that leaves the site. */
  CHECK_STATUS(reclaim_http_handle(e, "{\"method\":\"GET\",\"path\":\"//evil.example/\"}", &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 404);
  CHECK_CONTAINS(out, "?lang=en");
  CHECK_MSG(strstr(out, "\\\"//") == NULL && strstr(out, "\\\"/\\\\") == NULL,
            "a link in %s leaves the site", out);
  reclaim_free(out);

  /* Finding 8: a planted CSRF cookie is replaced by a signed one; the form token the server
   * shows for it (to whoever sends that cookie) does not make a victim's form pass. */
  {
    char token[128] = "", request[1024];
    const char *field;
    size_t n = 0;
    CHECK_STATUS(reclaim_http_handle(e, "{\"path\":\"/?lang=en\",\"headers\":{\"Cookie\":\"rc_csrf=" PLANTED "\"}}", &out), RECLAIM_OK);
    CHECK_CONTAINS(out, "\"Set-Cookie\":\"rc_csrf=");
    CHECK(strstr(out, "rc_csrf=" PLANTED) == NULL);
    field = strstr(out, "name=\\\"csrf\\\" value=\\\"");
    CHECK(field != NULL);
    if (field) {
      field += strlen("name=\\\"csrf\\\" value=\\\"");
      while (field[n] && field[n] != '\\' && n < sizeof token - 1) token[n] = field[n], ++n;
    }
    reclaim_free(out);
    snprintf(request, sizeof request,
             "{\"method\":\"POST\",\"path\":\"/lookup\",\"headers\":{\"Cookie\":\"rc_csrf=" PLANTED
             "\",\"Content-Type\":\"application/x-www-form-urlencoded\"},"
             "\"body\":\"number=RC-1&email=jan%%40example.pl&csrf=%s\"}", token);
    CHECK_STATUS(reclaim_http_handle(e, request, &out), RECLAIM_OK);
    CHECK_MSG(json_int(out, "status", &status) && status == 403, "planted cookie: %s", out);
    reclaim_free(out);
  }

  /* Start, refuse a second start, serve over a socket, stop. */
  CHECK_STATUS(reclaim_http_stop(e), RECLAIM_NOT_FOUND);
  CHECK_STATUS_DOC(reclaim_http_start(e, "{\"listen\":\"nowhere\"}", &out), RECLAIM_INVALID_ARGUMENT, out);
  CHECK_CONTAINS(out, "\"field\":\"listen\"");
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_http_start(e, "{\"listen\":\"127.0.0.1:0\",\"shop\":\"elsewhere\"}", &out),
                   RECLAIM_NOT_FOUND, out);
  reclaim_free(out);
  CHECK_STATUS(reclaim_http_start(e, "{\"listen\":\"127.0.0.1:0\",\"threads\":2,\"base_path\":\"/returns\"}", &out),
               RECLAIM_OK);
  port = port_of(out);
  CHECK(port > 0);
  CHECK_CONTAINS(out, "\"url\":\"http://127.0.0.1:");
  reclaim_free(out);
  CHECK_STATUS_DOC(reclaim_http_start(e, "{\"listen\":\"127.0.0.1:0\"}", &out), RECLAIM_CONFLICT, out);
  reclaim_free(out);
  CHECK(http_get(port, "/returns/healthz") == 200);
  CHECK(http_get(port, "/returns/c/forged.token") == 404);
  CHECK(http_get(port, "/healthz") == 404);
  /* reclaim_http_handle uses the running endpoint's options (its base path). */
  CHECK_STATUS(reclaim_http_handle(e, "{\"path\":\"/returns/healthz\"}", &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  reclaim_free(out);
  CHECK_STATUS(reclaim_http_stop(e), RECLAIM_OK);
  CHECK(http_get(port, "/returns/healthz") == 0);
  CHECK_STATUS(reclaim_http_stop(e), RECLAIM_NOT_FOUND);
  /* Stopped: in-process requests use the default options again (no base path). */
  CHECK_STATUS(reclaim_http_handle(e, "{\"path\":\"/healthz\"}", &out), RECLAIM_OK);
  CHECK(json_int(out, "status", &status) && status == 200);
  reclaim_free(out);

  /* Started again, then closed with the engine while it runs. */
  CHECK_STATUS(reclaim_http_start(e, "{\"listen\":\"127.0.0.1:0\"}", NULL), RECLAIM_OK);
  reclaim_close(e);
  return TEST_SUMMARY();
}
