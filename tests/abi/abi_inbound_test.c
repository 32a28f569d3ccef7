/*
 * abi_inbound_test.c — reclaim_message_inbound through the public C ABI: NULLs, malformed and
 * oversized requests and messages; then the fixtures of tests/fixtures/mail fed to a case and its
 * history read back with reclaim_case_get after each: the customer's reply, the same mail twice,
 * a stranger's mail kept as a draft, a message with files in another state.
 */
#include <stdlib.h>

#include "abi_test.h"

/* The case the fixtures name: the first case of 2026 (ABI_T0_MS) in the shop. */
#define NUMBER "RC-2026-000001"

static char *read_fixture(const char *name, size_t *size) {
  char path[1024];
  FILE *f;
  char *data;
  long n;
  snprintf(path, sizeof path, "%s/%s", RECLAIM_MAIL_FIXTURES, name);
  f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc((size_t)n + 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data) data[n] = 0;
  *size = (size_t)n;
  return data;
}

/* {"shop":"default","raw_base64":"…"} for a fixture: its bytes whatever their charset. */
static char *request_for(const char *name) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t size = 0, i, o = 0;
  unsigned char *raw = (unsigned char *)read_fixture(name, &size);
  char *request;
  if (!raw) {
    CHECK_MSG(0, "no fixture %s", name);
    return NULL;
  }
  request = malloc(size / 3 * 4 + 64);
  o += (size_t)sprintf(request, "{\"shop\":\"default\",\"raw_base64\":\"");
  for (i = 0; i + 2 < size; i += 3) {
    request[o++] = alphabet[raw[i] >> 2];
    request[o++] = alphabet[((raw[i] & 3) << 4) | (raw[i + 1] >> 4)];
    request[o++] = alphabet[((raw[i + 1] & 15) << 2) | (raw[i + 2] >> 6)];
    request[o++] = alphabet[raw[i + 2] & 63];
  }
  if (size - i == 1) {
    request[o++] = alphabet[raw[i] >> 2];
    request[o++] = alphabet[(raw[i] & 3) << 4];
    request[o++] = '=';
    request[o++] = '=';
  } else if (size - i == 2) {
    request[o++] = alphabet[raw[i] >> 2];
    request[o++] = alphabet[((raw[i] & 3) << 4) | (raw[i + 1] >> 4)];
    request[o++] = alphabet[(raw[i + 1] & 15) << 2];
    request[o++] = '=';
  }
  strcpy(request + o, "\"}");
  free(raw);
  return request;
}

/* Feeds a fixture; the result document (caller frees) or NULL when it was refused. */
static char *feed(reclaim_engine *e, const char *name) {
  char *request = request_for(name);
  char *out = NULL;
  int rc;
  if (!request) return NULL;
  rc = reclaim_message_inbound(e, request, &out);
  free(request);
  if (!CHECK_STATUS_DOC(rc, RECLAIM_OK, out)) {
    reclaim_free(out);
    return NULL;
  }
  CHECK(json_valid(out));
  return out;
}

static void expect_invalid(reclaim_engine *e, const char *request, const char *field,
                           const char *rule) {
  char *out = NULL;
  char got[128] = "";
  int rc = reclaim_message_inbound(e, request, &out);
  if (abi_check_status(__FILE__, __LINE__, request ? request : "(null)", rc,
                       RECLAIM_INVALID_ARGUMENT, out)) {
    CHECK_ERROR_DOC(out, rc);
    if (field) {
      json_str(out, "error.field", got, sizeof got);
      CHECK_MSG(strcmp(got, field) == 0, "field \"%s\", wanted \"%s\"", got, field);
    }
    if (rule) {
      json_str(out, "error.rule", got, sizeof got);
      CHECK_MSG(strcmp(got, rule) == 0, "rule \"%s\", wanted \"%s\"", got, rule);
    }
  }
  reclaim_free(out);
}

/* The case as reclaim_case_get gives it (caller frees). */
static char *get_case(reclaim_engine *e) {
  char *out = NULL;
  int rc = reclaim_case_get(e, NUMBER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  return out;
}

static const char *last_entry(const char *doc) {
  long n = json_array_len(doc, "history");
  return n > 0 ? json_array_at(doc, "history", n - 1) : NULL;
}

int main(void) {
  reclaim_engine *e = abi_open_memory();
  char *out = NULL, *doc = NULL, *big;
  const char *entry;
  char state[64] = "", text[2048] = "";
  long entries = 0, events = 0;
  long long version = 0, seq = 0;
  size_t i, o;

  if (!e) return TEST_SUMMARY();

  /* NULLs, malformed requests */
  CHECK_STATUS(reclaim_message_inbound(NULL, "{\"raw\":\"x\"}", NULL), RECLAIM_INVALID_ARGUMENT);
  expect_invalid(e, NULL, "request_json", NULL);
  CHECK_STATUS(reclaim_message_inbound(e, NULL, NULL), RECLAIM_INVALID_ARGUMENT);
  expect_invalid(e, "not json", NULL, NULL);
  expect_invalid(e, "{}", "raw", NULL);
  expect_invalid(e, "{\"raw\":\"x\",\"raw_base64\":\"eA==\"}", "raw", NULL);
  expect_invalid(e, "{\"raw\":1}", "raw", NULL);
  expect_invalid(e, "{\"raw_base64\":\"!!\"}", "raw_base64", NULL);
  expect_invalid(e, "{\"raw\":\"x\",\"colour\":\"red\"}", "colour", NULL);
  CHECK_STATUS(reclaim_message_inbound(
                   e, "{\"shop\":\"nosuch\",\"raw\":\"From: a@b.c\\r\\n\\r\\nx\"}", NULL),
               RECLAIM_NOT_FOUND);

  /* Hostile messages */
  expect_invalid(e, "{\"raw\":\"\"}", "raw", "mail_malformed");
  expect_invalid(e, "{\"raw\":\"no header at all\"}", "raw", "mail_malformed");
  expect_invalid(e, "{\"raw\":\"Subject: x\\r\\n\\r\\nno sender\"}", "raw", "mail_no_sender");
  out = request_for("malformed.eml");
  if (out) expect_invalid(e, out, "raw", "mail_malformed");
  free(out);
  out = NULL;
  big = malloc(11u << 20);
  if (big) {
    o = (size_t)sprintf(big,
                        "{\"raw\":\"From: jan@example.pl\\r\\nSubject: " NUMBER "\\r\\n\\r\\n");
    for (i = 0; i < (10u << 20); ++i) big[o++] = 'a';
    strcpy(big + o, "\"}");
    expect_invalid(e, big, "raw", "mail_too_large");
    free(big);
  }

  /* A case waiting for its customer */
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_act(e, NUMBER,
                                "{\"action\":\"request_info\",\"actor\":{\"role\":\"agent\","
                                "\"id\":\"a1\"},\"message\":\"When does it stop heating?\"}",
                                NULL),
               RECLAIM_OK);
  doc = get_case(e);
  entries = json_array_len(doc, "history");
  reclaim_free(doc);

  /* Thunderbird's reply: the customer's reply, by In-Reply-To */
  out = feed(e, "thunderbird_reply.eml");
  if (out) {
    CHECK(json_str_eq(out, "result", "reply"));
    CHECK(json_str_eq(out, "case_number", NUMBER));
    CHECK(json_int(out, "history_seq", &seq));
    CHECK_CONTAINS(out, "\"duplicate\":false");
  }
  reclaim_free(out);
  doc = get_case(e);
  CHECK(json_str_eq(doc, "state", "in_review"));
  CHECK(json_int(doc, "version", &version) && version == seq);
  CHECK(json_array_len(doc, "history") == entries + 1);
  entry = last_entry(doc);
  CHECK(entry && json_str_eq(entry, "action", "reply"));
  CHECK(entry && json_str(entry, "data.message", text, sizeof text) &&
        strstr(text, "stops heating after two minutes") && !strstr(text, "wrote:"));
  CHECK(entry && json_str_eq(entry, "data.channel", "email"));
  reclaim_free(doc);
  events = abi_count_events(e, NULL);

  /* The same mail again adds nothing */
  out = feed(e, "thunderbird_reply.eml");
  if (out) CHECK_CONTAINS(out, "\"duplicate\":true");
  reclaim_free(out);
  CHECK(abi_case_version(e, NUMBER) == version);
  CHECK(abi_count_events(e, NULL) == events);

  /* Someone else naming the case: a draft, the case untouched */
  out = feed(e, "stranger.eml");
  if (out) {
    CHECK(json_str_eq(out, "result", "draft"));
    CHECK(json_str_eq(out, "reason", "not_customer"));
    CHECK(json_path(out, "draft_id") != NULL);
    CHECK(json_path(out, "case_id") == NULL);
  }
  reclaim_free(out);
  CHECK(abi_case_version(e, NUMBER) == version);

  /* Outlook with files, in_review: a message, the state unchanged, the .exe not taken */
  out = feed(e, "attachments.eml");
  if (out) {
    CHECK(json_str_eq(out, "result", "message"));
    CHECK(json_array_len(out, "attachments") == 2);
    CHECK(json_array_len(out, "refused_files") == 1);
    CHECK_CONTAINS(out, "invoice.exe");
  }
  reclaim_free(out);
  doc = get_case(e);
  CHECK(json_str(doc, "state", state, sizeof state) && strcmp(state, "in_review") == 0);
  entry = last_entry(doc);
  CHECK(entry && json_array_len(entry, "data.attachments") == 2);
  reclaim_free(doc);

  /* Polish and Russian, from the same customer: their text in UTF-8 */
  out = feed(e, "gmail_polish_qp.eml");
  reclaim_free(out);
  doc = get_case(e);
  entry = last_entry(doc);
  CHECK(entry && json_str(entry, "data.message", text, sizeof text) &&
        strstr(text, "czajnik przesta\xC5\x82 grza\xC4\x87"));
  reclaim_free(doc);
  out = feed(e, "russian_koi8r.eml");
  reclaim_free(out);
  doc = get_case(e);
  entry = last_entry(doc);
  CHECK(entry && json_str(entry, "data.message", text, sizeof text) &&
        strstr(text, "\xD0\xA7\xD0\xB0\xD0\xB9\xD0\xBD\xD0\xB8\xD0\xBA") && /* Чайник */
        !strstr(text, "+7 900"));
  reclaim_free(doc);

  reclaim_close(e);
  return TEST_SUMMARY();
}
