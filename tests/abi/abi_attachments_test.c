/*
 * abi_attachments_test.c — issue 18, finding 6, through the public C ABI: files on a case over
 * reclaim_http_handle are refused once the case is cancelled and beyond the shop's per-case
 * quota ("attachments" in the shop's configuration), and downloads are limited per address
 * ("downloads_per_minute"), carry an ETag and answer 304 to a browser that has the file.
 * And reclaim_attachment_get: a file's bytes for staff tools, with NULLs, hostile identifiers
 * and another case's file refused.
 */
#include "abi_test.h"

static const char *const CONFIG =
    "{\"database\":\"sqlite::memory:\",\"clock\":\"manual\","
    "\"shops\":[{\"id\":\"default\",\"attachments\":{\"max_files\":2,\"max_bytes\":1048576}}]}";

#define PDF_BODY "%PDF-1.4\\n% a receipt\\n%%EOF\\n"

/* Runs one request; returns its HTTP status (0 when the call failed). *out keeps the answer. */
static long long handle(reclaim_engine *e, const char *request, char **out) {
  long long status = 0;
  reclaim_free(*out);
  *out = NULL;
  if (reclaim_http_handle(e, request, out) != RECLAIM_OK) return 0;
  if (!json_int(*out, "status", &status)) return 0;
  return status;
}

static long long upload(reclaim_engine *e, const char *token, char **out) {
  char request[512];
  snprintf(request, sizeof request,
           "{\"method\":\"POST\",\"path\":\"/api/v1/cases/%s/attachments\","
           "\"headers\":{\"Content-Type\":\"application/pdf\"},\"body\":\"%s\"}",
           token, PDF_BODY);
  return handle(e, request, out);
}

static int open_case(reclaim_engine *e, char *token, size_t size, char *id, size_t id_size) {
  char *out = NULL;
  int ok = reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out) == RECLAIM_OK &&
           json_str(out, "status_token", token, size) && json_str(out, "id", id, id_size);
  reclaim_free(out);
  return ok;
}

int main(void) {
  reclaim_engine *e = NULL;
  char *out = NULL, token[256], id[64], file[64], path[512], request[1024], etag[128];
  const char *header;
  size_t length;

  CHECK_STATUS(reclaim_open(CONFIG, &e, &out), RECLAIM_OK);
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS), RECLAIM_OK);
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, NULL), RECLAIM_OK);
  /* reclaim_http_handle takes the running endpoint's options. */
  CHECK_STATUS(reclaim_http_start(e,
                                  "{\"listen\":\"127.0.0.1:0\",\"submits_per_minute\":100,"
                                  "\"downloads_per_minute\":3}",
                                  NULL),
               RECLAIM_OK);

  /* The quota: two files, then a clear refusal. */
  CHECK(open_case(e, token, sizeof token, id, sizeof id));
  CHECK_MSG(upload(e, token, &out) == 201, "first upload: %s", out);
  CHECK(json_str(out, "body", request, sizeof request));
  CHECK(json_str(request, "id", file, sizeof file));
  CHECK(upload(e, token, &out) == 201);
  CHECK_MSG(upload(e, token, &out) == 409, "third upload: %s", out);
  CHECK_CONTAINS(out, "attachment_quota");
  CHECK_CONTAINS(out, "at most 2 files and 1 MB per case");

  /* reclaim_attachment_get gives the bytes as sent ("%PDF-1.4\n%" is JVBERi0xLjQKJ…). */
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_attachment_get(e, id, file, &out), RECLAIM_OK);
  CHECK_CONTAINS(out, "\"content_type\":\"application/pdf\"");
  CHECK_CONTAINS(out, "\"data_base64\":\"JVBERi0xLjQK");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_attachment_get(e, id, file, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_attachment_get(NULL, id, file, NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_attachment_get(e, NULL, file, NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_attachment_get(e, id, NULL, &out), RECLAIM_INVALID_ARGUMENT);
  CHECK_CONTAINS(out, "\"field\":\"attachment_id\"");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_attachment_get(e, id, "", NULL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_attachment_get(e, id, "a_\xff\xfe", NULL), RECLAIM_INVALID_ARGUMENT);
  {
    char huge[4096];
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = 0;
    CHECK_STATUS(reclaim_attachment_get(e, id, huge, NULL), RECLAIM_INVALID_ARGUMENT);
    CHECK_STATUS(reclaim_attachment_get(e, huge, file, NULL), RECLAIM_INVALID_ARGUMENT);
  }
  CHECK_STATUS(reclaim_attachment_get(e, id, "a_00000000000000000000", &out), RECLAIM_NOT_FOUND);
  CHECK_CONTAINS(out, "\"field\":\"attachment_id\"");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_attachment_get(e, "RC-1999-999999", file, NULL), RECLAIM_NOT_FOUND);
  CHECK_STATUS(reclaim_attachment_get(e, "' OR 1=1 --", file, NULL), RECLAIM_NOT_FOUND);

  /* Downloads: an ETag, a 304 for a browser that has the file, then 429 past the limit. */
  snprintf(path, sizeof path, "/api/v1/cases/%s/attachments/%s", token, file);
  snprintf(request, sizeof request, "{\"method\":\"GET\",\"path\":\"%s\"}", path);
  CHECK_MSG(handle(e, request, &out) == 200, "download: %s", out);
  header = strstr(out, "\"ETag\":\"");
  CHECK(header != NULL);
  etag[0] = 0;
  if (header) {
    header += 8;
    /* The value is "\"…\"" in the document: copy up to its closing quote. */
    const char *end = strstr(header, "\\\"\"");
    length = end ? (size_t)(end - header) + 2 : sizeof etag;
    if (length < sizeof etag) {
      memcpy(etag, header, length);
      etag[length] = 0;
    }
  }
  CHECK(strlen(etag) == 68); /* \"  64 hex digits  \" */
  snprintf(request, sizeof request,
           "{\"method\":\"GET\",\"path\":\"%s\",\"headers\":{\"If-None-Match\":\"%s\"}}", path,
           etag);
  CHECK_MSG(handle(e, request, &out) == 304, "revalidation: %s", out);
  snprintf(request, sizeof request, "{\"method\":\"GET\",\"path\":\"%s\"}", path);
  CHECK(handle(e, request, &out) == 200);
  CHECK_MSG(handle(e, request, &out) == 429, "fourth download: %s", out);
  CHECK_CONTAINS(out, "Retry-After");
  /* Another address has its own budget. */
  snprintf(request, sizeof request,
           "{\"method\":\"GET\",\"path\":\"%s\",\"peer\":\"198.51.100.9\"}", path);
  CHECK(handle(e, request, &out) == 200);

  /* A cancelled case takes no more files; another case's file is not found through it. */
  CHECK(open_case(e, token, sizeof token, id, sizeof id));
  CHECK_STATUS(reclaim_attachment_get(e, id, file, NULL), RECLAIM_NOT_FOUND);
  CHECK(upload(e, token, &out) == 201);
  CHECK_STATUS(
      reclaim_case_act(e, id, "{\"action\":\"cancel\",\"actor\":{\"role\":\"customer\"}}", NULL),
      RECLAIM_OK);
  CHECK_MSG(upload(e, token, &out) == 409, "upload to a cancelled case: %s", out);
  CHECK_CONTAINS(out, "attachment_state");

  reclaim_free(out);
  reclaim_close(e);
  return TEST_SUMMARY();
}
