/*
 * abi_input_test.c — bad input through the public C ABI: malformed JSON, invalid UTF-8, huge
 * documents, wrong types, unknown fields, deep nesting. Every such call must return
 * RECLAIM_INVALID_ARGUMENT with a valid error document and must write nothing (the events and
 * the case list are byte-for-byte the same afterwards).
 */
#include "abi_test.h"

#define BIG (10 * 1024 * 1024)

static reclaim_engine *E;
static char *snap_events;
static char *snap_cases;
static long snap_event_count;

static char *read_events_all(void) {
  char *out = NULL;
  int rc = reclaim_events_read(E, "{\"after\":0,\"limit\":1000}", &out);
  if (rc != RECLAIM_OK) {
    CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
    reclaim_free(out);
    return NULL;
  }
  return out;
}

static char *read_cases_all(void) {
  char *out = NULL;
  int rc = reclaim_case_list(E, "{\"limit\":500}", &out);
  if (rc != RECLAIM_OK) {
    CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
    reclaim_free(out);
    return NULL;
  }
  return out;
}

static void snapshot(void) {
  reclaim_free(snap_events);
  reclaim_free(snap_cases);
  snap_events = read_events_all();
  snap_cases = read_cases_all();
  snap_event_count = snap_events ? json_array_len(snap_events, "events") : -1;
}

/* Checks a rejected call: status, error document, "field" when given, nothing written. */
static void check_rejected(const char *file, int line, const char *label, int rc, char *out,
                           int want, const char *field) {
  char *ev;
  char *cs;
  if (!abi_check_status(file, line, label, rc, want, out)) {
    reclaim_free(out);
    return;
  }
  abi_check_error_doc(file, line, out, rc);
  if (field != NULL) {
    char needle[256];
    sprintf(needle, "\"field\":\"%.200s\"", field);
    abi_check_contains(file, line, out, needle);
  }
  reclaim_free(out);
  if (E == NULL) return;
  ev = read_events_all();
  cs = read_cases_all();
  if (ev != NULL && snap_events != NULL) {
    long n = json_array_len(ev, "events");
    if (n == snap_event_count && strcmp(ev, snap_events) == 0) {
      ++abi_passed;
    } else {
      ++abi_failed;
      fprintf(stderr, "%s:%d: FAILED: %s wrote events (%ld before, %ld after)\n", file, line,
              label, snap_event_count, n);
    }
  }
  if (cs != NULL && snap_cases != NULL) {
    if (strcmp(cs, snap_cases) == 0) {
      ++abi_passed;
    } else {
      ++abi_failed;
      fprintf(stderr, "%s:%d: FAILED: %s changed the case list\n", file, line, label);
    }
  }
  reclaim_free(ev);
  reclaim_free(cs);
}

#define REJECT(call, want, field)                                                             \
  do {                                                                                        \
    char *out = NULL;                                                                         \
    int rc_ = (call);                                                                         \
    check_rejected(__FILE__, __LINE__, #call, rc_, out, (want), (field));                     \
  } while (0)

#define INVALID(call) REJECT(call, RECLAIM_INVALID_ARGUMENT, NULL)
#define INVALID_FIELD(call, field) REJECT(call, RECLAIM_INVALID_ARGUMENT, field)

/* reclaim_open must refuse `cfg` and leave *out_engine NULL. */
static void check_open_rejected(const char *file, int line, const char *cfg, const char *field) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  int rc = reclaim_open(cfg, &e, &out);
  char label[160];
  sprintf(label, "reclaim_open(%.100s%s)", cfg, strlen(cfg) > 100 ? "..." : "");
  if (e != NULL) {
    ++abi_failed;
    fprintf(stderr, "%s:%d: FAILED: %s gave an engine\n", file, line, label);
    reclaim_close(e);
  }
  {
    reclaim_engine *keep = E;
    E = NULL; /* no snapshot check for open */
    check_rejected(file, line, label, rc, out, RECLAIM_INVALID_ARGUMENT, field);
    E = keep;
  }
}

#define OPEN_REJECTED(cfg, field) check_open_rejected(__FILE__, __LINE__, (cfg), (field))

/* prefix + "\"" + n*'a' + "\"" + suffix, malloc'ed. */
static char *big_string_doc(const char *prefix, const char *suffix, size_t n) {
  size_t lp = strlen(prefix), ls = strlen(suffix);
  char *s = (char *)malloc(lp + n + ls + 3);
  if (s == NULL) return NULL;
  memcpy(s, prefix, lp);
  s[lp] = '"';
  memset(s + lp + 1, 'a', n);
  s[lp + 1 + n] = '"';
  memcpy(s + lp + n + 2, suffix, ls + 1);
  return s;
}

/* prefix + "[" + elem,elem,… (until about n bytes) + "]" + suffix, malloc'ed. */
static char *big_array_doc(const char *prefix, const char *elem, const char *suffix, size_t n) {
  size_t lp = strlen(prefix), le = strlen(elem), ls = strlen(suffix);
  size_t count = n / (le + 1) + 1, i;
  char *s = (char *)malloc(lp + count * (le + 1) + ls + 3);
  char *p;
  if (s == NULL) return NULL;
  p = s;
  memcpy(p, prefix, lp);
  p += lp;
  *p++ = '[';
  for (i = 0; i < count; ++i) {
    if (i) *p++ = ',';
    memcpy(p, elem, le);
    p += le;
  }
  *p++ = ']';
  memcpy(p, suffix, ls + 1);
  return s;
}

/* prefix + depth*'[' + depth*']' + suffix, malloc'ed. */
static char *deep_doc(const char *prefix, const char *suffix, size_t depth) {
  size_t lp = strlen(prefix), ls = strlen(suffix);
  char *s = (char *)malloc(lp + 2 * depth + ls + 1);
  if (s == NULL) return NULL;
  memcpy(s, prefix, lp);
  memset(s + lp, '[', depth);
  memset(s + lp + depth, ']', depth);
  memcpy(s + lp + 2 * depth, suffix, ls + 1);
  return s;
}

/* ---------------------------------------------------------------------------------------- */

static const char *const malformed[] = {
    "",
    " ",
    "{",
    "}",
    "{\"action\":}",
    "{\"action\":\"comment\",}",
    "{\"action\":\"comment\"} x",
    "{'action':'comment'}",
    "{\"action\":\"comment\" \"actor\":{}}",
    "{\"after\":01}",
    "{\"a\":NaN}",
    "{\"a\":\"\\x41\"}",
    "{\"a\":\"tab\there\"}",
    "[1,2",
    "nul",
    "{\"a\":1}{\"b\":2}",
    "/* comment */ {}",
};

static const char *const not_objects[] = {"null", "[]", "1", "\"x\"", "true"};

static const char *const bad_utf8[] = {
    "\xff",             /* never valid */
    "\xc0\xaf",         /* overlong '/' */
    "\xe0\x80\xaf",     /* overlong '/' in three bytes */
    "\xed\xa0\x80",     /* a UTF-16 surrogate encoded raw */
    "\xc3",             /* truncated sequence */
    "\xf4\x90\x80\x80", /* above U+10FFFF */
    "\x80",             /* lone continuation byte */
};

static void test_malformed(void) {
  size_t i;
  for (i = 0; i < sizeof malformed / sizeof *malformed; ++i) {
    const char *m = malformed[i];
    OPEN_REJECTED(m, NULL);
    INVALID(reclaim_order_import(E, NULL, "reclaim", m, &out));
    INVALID(reclaim_case_open(E, m, &out));
    INVALID(reclaim_case_act(E, "RC-2026-000001", m, &out));
    INVALID(reclaim_case_list(E, m, &out));
    INVALID(reclaim_events_read(E, m, &out));
  }
  for (i = 0; i < sizeof not_objects / sizeof *not_objects; ++i) {
    const char *m = not_objects[i];
    OPEN_REJECTED(m, NULL);
    INVALID(reclaim_order_import(E, NULL, "reclaim", m, &out));
    INVALID(reclaim_case_open(E, m, &out));
    INVALID(reclaim_case_act(E, "RC-2026-000001", m, &out));
    INVALID(reclaim_case_list(E, m, &out));
    INVALID(reclaim_events_read(E, m, &out));
  }
}

static void test_bad_utf8(void) {
  size_t i;
  char doc[1024];
  for (i = 0; i < sizeof bad_utf8 / sizeof *bad_utf8; ++i) {
    const char *b = bad_utf8[i];
    sprintf(doc,
            "{\"database\":\"sqlite::memory:\",\"shops\":[{\"id\":\"default\",\"name\":\"Shop%s\"}]}",
            b);
    OPEN_REJECTED(doc, NULL);
    sprintf(doc,
            "{\"id\":\"2001\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\",\"name\":\"Cz%sajnik\","
            "\"qty\":1,\"unit_price\":\"1.00\"}]}",
            b);
    INVALID(reclaim_order_import(E, NULL, "reclaim", doc, &out));
    sprintf(doc,
            "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
            "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
            "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"description\":\"bad %s byte\"}",
            b);
    INVALID(reclaim_case_open(E, doc, &out));
    sprintf(doc,
            "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},\"message\":\"%s\"}",
            b);
    INVALID(reclaim_case_act(E, "RC-2026-000001", doc, &out));
    /* An invalid byte in a key. */
    sprintf(doc,
            "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},\"m%s\":\"x\"}", b);
    INVALID(reclaim_case_act(E, "RC-2026-000001", doc, &out));
    sprintf(doc, "{\"customer_email\":\"jan%s@example.pl\"}", b);
    INVALID(reclaim_case_list(E, doc, &out));
    sprintf(doc, "{\"after\":0,\"case_id\":\"c_%s\"}", b);
    INVALID(reclaim_events_read(E, doc, &out));
    /* Invalid bytes in plain C-string arguments are refused too (not found would also be
     * acceptable for a lookup; anything but a crash or a write). */
    {
      char ref[32];
      char *out = NULL;
      int rc;
      sprintf(ref, "RC-%s", b);
      rc = reclaim_case_act(E, ref, ABI_COMMENT, &out);
      CHECK_MSG(rc == RECLAIM_INVALID_ARGUMENT || rc == RECLAIM_NOT_FOUND,
                "case_act with a bad-UTF-8 case_ref returned %s", reclaim_status_name(rc));
      CHECK_ERROR_DOC(out, rc);
      reclaim_free(out);
    }
  }
}

static void test_huge(void) {
  char *d;
  const char *staff_head =
      "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
      "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
      "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"description\":";
  const char *staff_item =
      "{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\",\"currency\":\"PLN\","
      "\"reason\":\"defect\"}";

  /* reclaim_open: 10 MB secret (hex-looking letters) and 10 MB shops array. */
  d = big_string_doc("{\"database\":\"sqlite::memory:\",\"secret\":", "}", BIG);
  if (d) OPEN_REJECTED(d, NULL);
  free(d);
  d = big_array_doc("{\"database\":\"sqlite::memory:\",\"shops\":",
                    "{\"id\":\"default\",\"name\":\"Demo Shop\"}", "}", BIG);
  if (d) OPEN_REJECTED(d, NULL);
  free(d);

  /* Orders: a 10 MB line name; a 10 MB lines array. */
  d = big_string_doc("{\"id\":\"2002\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\",\"name\":",
                     ",\"qty\":1,\"unit_price\":\"1.00\"}]}", BIG);
  if (d) INVALID(reclaim_order_import(E, NULL, "reclaim", d, &out));
  free(d);
  d = big_array_doc("{\"id\":\"2003\",\"currency\":\"PLN\",\"lines\":",
                    "{\"id\":\"1\",\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"}", "}", BIG);
  if (d) INVALID(reclaim_order_import(E, NULL, "reclaim", d, &out));
  free(d);

  /* Cases: a 10 MB description; a 10 MB items array. */
  d = big_string_doc(staff_head, "}", BIG);
  if (d) INVALID(reclaim_case_open(E, d, &out));
  free(d);
  d = big_array_doc("{\"shop\":\"default\",\"kind\":\"complaint\","
                    "\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},\"items\":",
                    staff_item, "}", BIG);
  if (d) INVALID(reclaim_case_open(E, d, &out));
  free(d);

  /* Acts: a 10 MB comment; a 10 MB tag list. */
  d = big_string_doc("{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                     "\"message\":",
                     "}", BIG);
  if (d) INVALID(reclaim_case_act(E, "RC-2026-000001", d, &out));
  free(d);
  d = big_array_doc("{\"action\":\"tag\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},\"add\":",
                    "\"t\"", "}", BIG);
  if (d) INVALID(reclaim_case_act(E, "RC-2026-000001", d, &out));
  free(d);

  /* Lists: a 10 MB e-mail; a 10 MB state array. */
  d = big_string_doc("{\"customer_email\":", "}", BIG);
  if (d) INVALID(reclaim_case_list(E, d, &out));
  free(d);
  d = big_array_doc("{\"state\":", "\"received\"", "}", BIG);
  if (d) INVALID(reclaim_case_list(E, d, &out));
  free(d);

  /* Events: a 10 MB case id. */
  d = big_string_doc("{\"after\":0,\"case_id\":", "}", BIG);
  if (d) INVALID(reclaim_events_read(E, d, &out));
  free(d);

  /* A 10 MB case reference (a plain C string). */
  d = (char *)malloc(BIG + 1);
  if (d) {
    char *out = NULL;
    int rc;
    memset(d, 'R', BIG);
    d[BIG] = 0;
    rc = reclaim_case_get(E, d, &out);
    CHECK_MSG(rc == RECLAIM_INVALID_ARGUMENT || rc == RECLAIM_NOT_FOUND,
              "case_get with a 10 MB case_ref returned %s", reclaim_status_name(rc));
    CHECK_ERROR_DOC(out, rc);
    reclaim_free(out);
  }
  free(d);
}

static void test_wrong_types(void) {
  const char *cust_pre =
      "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"
      "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},";
  char doc[2048];

  /* Case open. */
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":\"1\",\"reason\":\"defect\"}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].qty");
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":1.5,\"reason\":\"defect\"}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].qty");
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":0,\"reason\":\"defect\"}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].qty");
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":-1,\"reason\":\"defect\"}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].qty");
  sprintf(doc, "%s\"items\":{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items");
  sprintf(doc, "%s\"items\":[]}", cust_pre);
  INVALID(reclaim_case_open(E, doc, &out));
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"broken\"}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].reason");
  sprintf(doc, "%s\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":5}]}", cust_pre);
  INVALID_FIELD(reclaim_case_open(E, doc, &out), "items[0].reason");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":5,\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "kind");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"exchange\",\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "kind");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"king\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "actor.role");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":\"customer\","
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "actor");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"channel\":\"pigeon\","
                                  "\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "channel");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":1001.5,\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "order_id");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                  "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":10.0,"
                                  "\"currency\":\"PLN\",\"reason\":\"defect\"}]}",
                                  &out),
                "items[0].unit_price");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                  "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
                                  "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"extra\":[1,2]}",
                                  &out),
                "extra");

  /* Case act. */
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":5,\"actor\":{\"role\":\"agent\",\"id\":\"a1\"}}", &out),
                "action");
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"message\":\"x\",\"expected_version\":\"1\"}",
                                 &out),
                "expected_version");
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"message\":5}",
                                 &out),
                "message");
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"comment\",\"actor\":{\"role\":\"wizard\",\"id\":\"a1\"},"
                                 "\"message\":\"x\"}",
                                 &out),
                "actor.role");
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"set_priority\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"priority\":\"whenever\"}",
                                 &out),
                "priority");
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"tag\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"add\":\"vip\"}",
                                 &out),
                "add");
  INVALID(reclaim_case_act(E, "RC-2026-000001", "{\"actor\":{\"role\":\"agent\",\"id\":\"a1\"}}",
                           &out));

  /* Lists and events. */
  INVALID_FIELD(reclaim_case_list(E, "{\"limit\":\"5\"}", &out), "limit");
  INVALID_FIELD(reclaim_case_list(E, "{\"limit\":0}", &out), "limit");
  INVALID_FIELD(reclaim_case_list(E, "{\"limit\":501}", &out), "limit");
  INVALID_FIELD(reclaim_case_list(E, "{\"state\":\"sleeping\"}", &out), "state");
  INVALID_FIELD(reclaim_case_list(E, "{\"state\":5}", &out), "state");
  INVALID_FIELD(reclaim_case_list(E, "{\"sort\":\"colour\"}", &out), "sort");
  INVALID_FIELD(reclaim_case_list(E, "{\"created_from\":\"yesterday\"}", &out), "created_from");
  INVALID_FIELD(reclaim_events_read(E, "{\"after\":\"0\"}", &out), "after");
  INVALID_FIELD(reclaim_events_read(E, "{\"after\":-1}", &out), "after");
  INVALID_FIELD(reclaim_events_read(E, "{\"limit\":0}", &out), "limit");
  INVALID_FIELD(reclaim_events_read(E, "{\"limit\":1001}", &out), "limit");

  /* Orders. */
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":\"2\",\"unit_price\":\"1.00\"}]}",
                                     &out),
                "lines[0].qty");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":0,\"unit_price\":\"1.00\"}]}",
                                     &out),
                "lines[0].qty");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"currency\":\"PLN\",\"lines\":{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"}}",
                                     &out),
                "lines");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":1,\"unit_price\":1.0}]}",
                                     &out),
                "lines[0].unit_price");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"}]}",
                                     &out),
                "currency");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2004\",\"currency\":\"PLN\",\"placed_at\":\"last week\","
                                     "\"lines\":[{\"id\":\"1\",\"name\":\"n\",\"qty\":1,"
                                     "\"unit_price\":\"1.00\"}]}",
                                     &out),
                "placed_at");
  INVALID(reclaim_order_import(E, NULL, "reclaim",
                               "{\"id\":\"2004\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\","
                               "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"},{\"id\":\"1\","
                               "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"}]}",
                               &out));

  /* Engine configuration. */
  OPEN_REJECTED("{\"database\":5}", "database");
  OPEN_REJECTED("{\"clock\":\"manual\"}", "database");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"clock\":\"sundial\"}", "clock");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"log\":{\"level\":\"loud\"}}", "log.level");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"storage\":{\"synchronous\":\"off\"}}",
                "storage.synchronous");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"shops\":{}}", "shops");

  /* The clock's range: 1970 to 9999. */
  CHECK_STATUS(reclaim_clock_set(E, -1), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_clock_set(E, (int64_t)253402300800000LL), RECLAIM_INVALID_ARGUMENT);
  CHECK_STATUS(reclaim_clock_set(E, (int64_t)253402300799999LL), RECLAIM_OK);
  CHECK_STATUS(reclaim_clock_set(E, 0), RECLAIM_OK);
  CHECK_STATUS(reclaim_clock_set(E, ABI_T0_MS), RECLAIM_OK);
}

static void test_unknown_fields(void) {
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}],"
                                  "\"colour\":\"red\"}",
                                  &out),
                "colour");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\",\"colour\":\"red\"}]}",
                                  &out),
                "items[0].colour");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\","
                                  "\"actor\":{\"role\":\"customer\",\"colour\":\"red\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "actor.colour");
  INVALID_FIELD(reclaim_case_open(E,
                                  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"
                                  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\",\"colour\":1},"
                                  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
                                  &out),
                "customer.colour");
  /* The misspelt expected_version must not silently skip the check. */
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"message\":\"x\",\"expected_verison\":1}",
                                 &out),
                "expected_verison");
  /* A field of another action. */
  INVALID_FIELD(reclaim_case_act(E, "RC-2026-000001",
                                 "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                                 "\"message\":\"x\",\"score\":5}",
                                 &out),
                "score");
  INVALID_FIELD(reclaim_case_list(E, "{\"bogus\":1}", &out), "bogus");
  INVALID_FIELD(reclaim_events_read(E, "{\"after\":0,\"bogus\":1}", &out), "bogus");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2005\",\"currency\":\"PLN\",\"bogus\":1,\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\"}]}",
                                     &out),
                "bogus");
  INVALID_FIELD(reclaim_order_import(E, NULL, "reclaim",
                                     "{\"id\":\"2005\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\","
                                     "\"name\":\"n\",\"qty\":1,\"unit_price\":\"1.00\",\"colour\":\"red\"}]}",
                                     &out),
                "lines[0].colour");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"databse\":\"x\"}", "databse");
  OPEN_REJECTED("{\"database\":\"sqlite::memory:\",\"shops\":[{\"id\":\"default\",\"colour\":1}]}",
                "shops[0].colour");
}

static void test_deep(void) {
  static const size_t depths[] = {33, 40, 1000, 100000};
  size_t i;
  for (i = 0; i < sizeof depths / sizeof *depths; ++i) {
    size_t depth = depths[i];
    char *d;
    if (depth >= 1000) {
      /* The whole document: nested arrays. */
      d = deep_doc("", "", depth);
      if (d) {
        OPEN_REJECTED(d, NULL);
        INVALID(reclaim_order_import(E, NULL, "reclaim", d, &out));
        INVALID(reclaim_case_open(E, d, &out));
        INVALID(reclaim_case_act(E, "RC-2026-000001", d, &out));
        INVALID(reclaim_case_list(E, d, &out));
        INVALID(reclaim_events_read(E, d, &out));
      }
      free(d);
    }
    /* Under "extra", which otherwise takes any shape. */
    d = deep_doc("{\"database\":\"sqlite::memory:\",\"log\":", "}", depth);
    if (d) OPEN_REJECTED(d, NULL);
    free(d);
    d = deep_doc("{\"id\":\"2006\",\"currency\":\"PLN\",\"lines\":[{\"id\":\"1\",\"name\":\"n\","
                 "\"qty\":1,\"unit_price\":\"1.00\"}],\"extra\":{\"x\":",
                 "}}", depth);
    if (d) INVALID(reclaim_order_import(E, NULL, "reclaim", d, &out));
    free(d);
    d = deep_doc("{\"shop\":\"default\",\"kind\":\"complaint\","
                 "\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                 "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
                 "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"extra\":{\"x\":",
                 "}}", depth);
    if (d) INVALID(reclaim_case_open(E, d, &out));
    free(d);
    d = deep_doc("{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"
                 "\"message\":",
                 "}", depth);
    if (d) INVALID(reclaim_case_act(E, "RC-2026-000001", d, &out));
    free(d);
    d = deep_doc("{\"state\":", "}", depth);
    if (d) INVALID(reclaim_case_list(E, d, &out));
    free(d);
  }
}

int main(void) {
  char *out = NULL;
  int rc;

  E = abi_open_memory();
  if (E == NULL) return TEST_SUMMARY();

  rc = reclaim_order_import(E, NULL, "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_open(E, ABI_CASE_OPEN_CUSTOMER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"number\":\"RC-2026-000001\"");
  reclaim_free(out);
  out = NULL;

  snapshot();
  CHECK(snap_events != NULL && snap_event_count >= 1);
  CHECK(snap_cases != NULL && json_array_len(snap_cases, "cases") == 1);

  test_malformed();
  test_bad_utf8();
  test_huge();
  test_wrong_types();
  test_unknown_fields();
  test_deep();

  /* The engine still works, and the order was never replaced by a rejected import. */
  rc = reclaim_order_get(E, NULL, "1001", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"Czajnik\"");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_order_get(E, NULL, "2004", NULL), RECLAIM_NOT_FOUND);
  rc = reclaim_case_act(E, "RC-2026-000001", ABI_COMMENT, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"version\":2");
  reclaim_free(out);

  reclaim_free(snap_events);
  reclaim_free(snap_cases);
  reclaim_close(E);
  return TEST_SUMMARY();
}
