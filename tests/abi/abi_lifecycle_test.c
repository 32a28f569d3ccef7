/*
 * abi_lifecycle_test.c — a complaint's whole life through the public C ABI, plus optimistic
 * concurrency, idempotency, roles, states, quantities, not-found, unsupported functions, the
 * manual clock and the events cursor.
 */
#include "abi_test.h"

static reclaim_engine *E;

#define AGENT "\"actor\":{\"role\":\"agent\",\"id\":\"a1\"}"
#define SUPERVISOR "\"actor\":{\"role\":\"supervisor\",\"id\":\"s1\"}"
#define CUSTOMER "\"actor\":{\"role\":\"customer\"}"
#define HOST "\"actor\":{\"role\":\"host\"}"

/* Calls reclaim_case_act and checks the status; returns the document (caller frees). */
static char *act_at(const char *file, int line, const char *ref, const char *action, int want) {
  char *out = NULL;
  int rc = reclaim_case_act(E, ref, action, &out);
  char label[400];
  sprintf(label, "reclaim_case_act(%.40s, %.300s)", ref, action);
  if (abi_check_status(file, line, label, rc, want, out) && rc != RECLAIM_OK)
    abi_check_error_doc(file, line, out, rc);
  return out;
}
#define ACT(ref, action, want) act_at(__FILE__, __LINE__, (ref), (action), (want))

/* Checks "state" and "version" of a case document. */
static void expect_case_at(const char *file, int line, const char *doc, const char *state,
                           long long version) {
  char buf[64] = "";
  long long v = -1;
  if (doc != NULL && json_str(doc, "state", buf, sizeof buf) && strcmp(buf, state) == 0) {
    ++abi_passed;
  } else {
    ++abi_failed;
    fprintf(stderr, "%s:%d: FAILED: state is \"%s\", expected \"%s\"\n", file, line, buf, state);
  }
  if (doc != NULL && json_int(doc, "version", &v) && v == version) {
    ++abi_passed;
  } else {
    ++abi_failed;
    fprintf(stderr, "%s:%d: FAILED: version is %lld, expected %lld\n", file, line, v, version);
  }
}
#define EXPECT_CASE(doc, state, version) expect_case_at(__FILE__, __LINE__, (doc), (state), (version))

/* Acts, expects success, checks state and version, frees. */
#define STEP(ref, action, state, version)                                                     \
  do {                                                                                        \
    char *d_ = ACT(ref, action, RECLAIM_OK);                                                  \
    EXPECT_CASE(d_, state, version);                                                          \
    reclaim_free(d_);                                                                         \
  } while (0)

/* Acts, expects failure `want`, and checks that the case and the events did not change. */
static void refused_at(const char *file, int line, const char *ref, const char *action,
                       int want, const char *needle) {
  long n0 = abi_count_events(E, NULL);
  char *before = NULL;
  char *after = NULL;
  char *out;
  int rb = reclaim_case_get(E, ref, &before);
  out = act_at(file, line, ref, action, want);
  if (needle != NULL) abi_check_contains(file, line, out, needle);
  reclaim_free(out);
  /* The case (when there is one) is byte-for-byte the same, and no event was written. */
  if (reclaim_case_get(E, ref, &after) == rb && abi_count_events(E, NULL) == n0 && before &&
      after && strcmp(before, after) == 0) {
    ++abi_passed;
  } else {
    ++abi_failed;
    fprintf(stderr, "%s:%d: FAILED: a refused action changed the case or wrote events\n", file,
            line);
  }
  reclaim_free(before);
  reclaim_free(after);
}
#define REFUSED(ref, action, want) refused_at(__FILE__, __LINE__, (ref), (action), (want), NULL)
#define REFUSED_WITH(ref, action, want, needle)                                               \
  refused_at(__FILE__, __LINE__, (ref), (action), (want), (needle))

/* Opens a case; returns the document (caller frees). */
static char *open_at(const char *file, int line, const char *request, int want) {
  char *out = NULL;
  int rc = reclaim_case_open(E, request, &out);
  char label[400];
  sprintf(label, "reclaim_case_open(%.300s)", request);
  if (abi_check_status(file, line, label, rc, want, out) && rc != RECLAIM_OK)
    abi_check_error_doc(file, line, out, rc);
  return out;
}
#define OPEN(request, want) open_at(__FILE__, __LINE__, (request), (want))

static long count_cases(void) {
  char *out = NULL;
  long n = -1;
  if (reclaim_case_list(E, "{\"limit\":500}", &out) == RECLAIM_OK) n = json_array_len(out, "cases");
  reclaim_free(out);
  return n;
}

/* Opening must fail with `want` and write nothing. */
static void open_refused_at(const char *file, int line, const char *request, int want,
                            const char *needle) {
  long c0 = count_cases(), n0 = abi_count_events(E, NULL);
  char *out = open_at(file, line, request, want);
  if (needle != NULL) abi_check_contains(file, line, out, needle);
  reclaim_free(out);
  if (count_cases() == c0 && abi_count_events(E, NULL) == n0) {
    ++abi_passed;
  } else {
    ++abi_failed;
    fprintf(stderr, "%s:%d: FAILED: a refused case_open wrote something\n", file, line);
  }
}
#define OPEN_REFUSED(request, want, needle) open_refused_at(__FILE__, __LINE__, (request), (want), (needle))

static char *case_for_qty(char *buf, int qty) {
  sprintf(buf,
          "{\"shop\":\"default\",\"kind\":\"complaint\"," CUSTOMER ",\"order_id\":\"1001\","
          "\"customer\":{\"email\":\"jan@example.pl\"},"
          "\"items\":[{\"line\":\"1\",\"qty\":%d,\"reason\":\"defect\"}],"
          "\"preferred_resolution\":\"refund\"}",
          qty);
  return buf;
}

/* ---------------------------------------------------------------------------------------- */

static void test_orders(void) {
  char *out = NULL;
  int rc = reclaim_order_import(E, NULL, "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK_CONTAINS(out, "\"created\":true");
  CHECK_CONTAINS(out, "\"order\":{");
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_import(E, "default", "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK_CONTAINS(out, "\"created\":false");
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_get(E, NULL, "1001", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_valid(out));
  CHECK(json_str_eq(out, "id", "1001"));
  CHECK_CONTAINS(out, "\"unit_price\":\"199.99\"");
  CHECK_CONTAINS(out, "\"jan@example.pl\"");
  reclaim_free(out);
  out = NULL;
  /* An integer id is kept as a string. */
  rc = reclaim_order_import(E, NULL, "reclaim",
                            "{\"id\":1002,\"currency\":\"PLN\",\"customer\":{\"email\":\"ola@example.pl\"},"
                            "\"lines\":[{\"id\":7,\"name\":\"Toster\",\"qty\":1,\"unit_price\":\"89.00\"}]}",
                            &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_get(E, "default", "1002", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_str_eq(out, "id", "1002"));
  reclaim_free(out);
}

static void test_walk(void) {
  char *doc;
  char id[64] = "";
  char number[64] = "";
  char *by_id = NULL;
  char *by_number = NULL;
  long long v;

  doc = OPEN(ABI_CASE_OPEN_CUSTOMER, RECLAIM_OK);
  CHECK(json_valid(doc));
  EXPECT_CASE(doc, "received", 1);
  CHECK(json_str(doc, "id", id, sizeof id) && strncmp(id, "c_", 2) == 0);
  CHECK(json_str(doc, "number", number, sizeof number) && strcmp(number, "RC-2026-000001") == 0);
  CHECK(json_str_eq(doc, "kind", "complaint"));
  CHECK(json_str_eq(doc, "shop", "default"));
  CHECK(json_str_eq(doc, "order_id", "1001"));
  CHECK(json_str_eq(doc, "created_at", "2026-11-10T09:00:00Z"));
  CHECK(json_array_len(doc, "items") == 1);
  CHECK(json_int(json_array_at(doc, "items", 0), "qty", &v) && v == 1);
  CHECK(json_str_eq(json_array_at(doc, "items", 0), "line", "1"));
  CHECK(json_array_len(doc, "history") >= 1);
  reclaim_free(doc);

  /* The same case by id and by number. */
  CHECK_STATUS(reclaim_case_get(E, id, &by_id), RECLAIM_OK);
  CHECK_STATUS(reclaim_case_get(E, number, &by_number), RECLAIM_OK);
  CHECK(by_id && by_number && strcmp(by_id, by_number) == 0);
  reclaim_free(by_id);
  reclaim_free(by_number);

  /* An hour later. */
  CHECK_STATUS(reclaim_clock_set(E, ABI_T0_MS + 3600000), RECLAIM_OK);

  /* Stale expected_version: conflict, nothing changes. */
  REFUSED(id, "{\"action\":\"review\"," AGENT ",\"expected_version\":2}", RECLAIM_CONFLICT);
  doc = ACT(id, "{\"action\":\"review\"," AGENT ",\"expected_version\":1}", RECLAIM_OK);
  EXPECT_CASE(doc, "in_review", 2);
  CHECK(json_str_eq(doc, "updated_at", "2026-11-10T10:00:00Z"));
  CHECK(json_str_eq(doc, "created_at", "2026-11-10T09:00:00Z"));
  reclaim_free(doc);

  /* Wrong roles. */
  REFUSED(id, "{\"action\":\"accept\"," CUSTOMER ",\"resolution\":{\"type\":\"refund\"}}",
          RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"authorize_return\"," CUSTOMER ",\"instructions\":\"x\"}",
          RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"comment\"," CUSTOMER ",\"message\":\"x\"}", RECLAIM_NOT_ALLOWED);
  /* Wrong states. */
  REFUSED(id, "{\"action\":\"review\"," AGENT "}", RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"reply\"," CUSTOMER ",\"message\":\"x\"}", RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"close\"," AGENT "}", RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":5}", RECLAIM_NOT_ALLOWED);

  STEP(id, "{\"action\":\"request_info\"," AGENT ",\"message\":\"photo?\"}",
       "waiting_for_customer", 3);
  REFUSED(id, "{\"action\":\"reply\"," AGENT ",\"message\":\"x\"}", RECLAIM_NOT_ALLOWED);
  STEP(id, "{\"action\":\"reply\"," CUSTOMER ",\"message\":\"here\"}", "in_review", 4);
  STEP(id, "{\"action\":\"authorize_return\"," AGENT ",\"instructions\":\"send it\"}",
       "waiting_for_goods", 5);
  REFUSED(id, "{\"action\":\"receive_goods\"," CUSTOMER ",\"condition\":\"damaged\"}",
          RECLAIM_NOT_ALLOWED);
  REFUSED_WITH(id,
               "{\"action\":\"receive_goods\"," AGENT
               ",\"condition\":\"damaged\",\"disposition\":\"burn\"}",
               RECLAIM_INVALID_ARGUMENT, "disposition");
  REFUSED_WITH(id,
               "{\"action\":\"receive_goods\"," AGENT ",\"condition\":\"damaged\","
               "\"items\":[{\"item\":1,\"disposition\":7}]}",
               RECLAIM_INVALID_ARGUMENT, "items[0].disposition");
  doc = ACT(id,
            "{\"action\":\"receive_goods\"," AGENT
            ",\"condition\":\"damaged\",\"disposition\":\"return_to_supplier\"}",
            RECLAIM_OK);
  EXPECT_CASE(doc, "goods_received", 6);
  CHECK_CONTAINS(doc, "\"disposition\":\"return_to_supplier\"");
  reclaim_free(doc);
  /* fulfil before a decision. */
  REFUSED(id, "{\"action\":\"fulfil\"," HOST ",\"reference\":\"R-0\"}", RECLAIM_NOT_ALLOWED);
  STEP(id, "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"refund\"}}",
       "accepted", 7);
  STEP(id, "{\"action\":\"fulfil\"," HOST ",\"reference\":\"R-1\"}", "resolved", 8);
  STEP(id, "{\"action\":\"close\"," AGENT "}", "closed", 9);
  doc = ACT(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":5,\"comment\":\"ok\"}", RECLAIM_OK);
  EXPECT_CASE(doc, "closed", 10);
  CHECK(json_int(doc, "rating.score", &v) && v == 5);
  CHECK(json_array_len(doc, "history") >= 10);
  CHECK_CONTAINS(doc, "\"refund\"");
  reclaim_free(doc);
  /* Rated once only; nothing more on a closed case. */
  REFUSED(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":4}", RECLAIM_NOT_ALLOWED);
  REFUSED(id, ABI_COMMENT, RECLAIM_NOT_ALLOWED);
  REFUSED(id, "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"refund\"}}",
          RECLAIM_NOT_ALLOWED);

  /* Every act is in the case's events: opened + 9 acts. */
  CHECK(abi_count_events(E, id) >= 10);

  /* Lists by state. */
  doc = NULL;
  CHECK_STATUS(reclaim_case_list(E, "{\"state\":\"closed\"}", &doc), RECLAIM_OK);
  CHECK(json_array_len(doc, "cases") == 1);
  CHECK_CONTAINS(doc, number);
  reclaim_free(doc);
}

static void test_rating_range(void) {
  /* rate with a score outside 1..5 on a case that could be rated. */
  char *doc = OPEN(ABI_CASE_OPEN_STAFF, RECLAIM_OK);
  char id[64] = "";
  CHECK(json_str(doc, "id", id, sizeof id));
  reclaim_free(doc);
  STEP(id, "{\"action\":\"reject\"," AGENT ",\"reason\":\"no defect found\"}", "rejected", 2);
  REFUSED(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":6}", RECLAIM_INVALID_ARGUMENT);
  REFUSED(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":0}", RECLAIM_INVALID_ARGUMENT);
  STEP(id, "{\"action\":\"rate\"," CUSTOMER ",\"score\":1}", "rejected", 3);
  STEP(id, "{\"action\":\"close\"," AGENT "}", "closed", 4);
}

static void test_idempotency(void) {
  const char *open_k =
      "{\"shop\":\"default\",\"kind\":\"return\"," AGENT ","
      "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
      "\"currency\":\"PLN\",\"reason\":\"changed_mind\"}],\"idempotency_key\":\"open-1\"}";
  const char *open_k_other =
      "{\"shop\":\"default\",\"kind\":\"return\"," AGENT ","
      "\"items\":[{\"sku\":\"Y\",\"name\":\"Other\",\"qty\":1,\"unit_price\":\"10.00\","
      "\"currency\":\"PLN\",\"reason\":\"changed_mind\"}],\"idempotency_key\":\"open-1\"}";
  const char *c1 = "{\"action\":\"comment\"," AGENT ",\"message\":\"note\",\"idempotency_key\":\"k1\"}";
  const char *c1_other =
      "{\"action\":\"comment\"," AGENT ",\"message\":\"other\",\"idempotency_key\":\"k1\"}";
  char id[64] = "", id2[64] = "";
  char *doc;
  long n0, c0;

  doc = OPEN(open_k, RECLAIM_OK);
  CHECK(json_str(doc, "id", id, sizeof id));
  EXPECT_CASE(doc, "received", 1);
  reclaim_free(doc);
  n0 = abi_count_events(E, NULL);
  c0 = count_cases();
  doc = OPEN(open_k, RECLAIM_OK);
  CHECK(json_str(doc, "id", id2, sizeof id2) && strcmp(id, id2) == 0);
  EXPECT_CASE(doc, "received", 1);
  reclaim_free(doc);
  CHECK(abi_count_events(E, NULL) == n0);
  CHECK(count_cases() == c0);
  OPEN_REFUSED(open_k_other, RECLAIM_CONFLICT, NULL);

  /* Acts. */
  STEP(id, c1, "received", 2);
  n0 = abi_count_events(E, NULL);
  STEP(id, c1, "received", 2);
  CHECK(abi_count_events(E, NULL) == n0);
  REFUSED(id, c1_other, RECLAIM_CONFLICT);
  /* The key belongs to that case and action body: a new key is a new act. */
  STEP(id, "{\"action\":\"comment\"," AGENT ",\"message\":\"note\",\"idempotency_key\":\"k2\"}",
       "received", 3);
  /* expected_version equal to the current version is fine. */
  STEP(id, "{\"action\":\"comment\"," AGENT ",\"message\":\"n\",\"expected_version\":3}",
       "received", 4);
  REFUSED(id, "{\"action\":\"comment\"," AGENT ",\"message\":\"n\",\"expected_version\":3}",
          RECLAIM_CONFLICT);
  REFUSED(id, "{\"action\":\"comment\"," AGENT ",\"message\":\"n\",\"expected_version\":99}",
          RECLAIM_CONFLICT);
}

static void test_quantities_and_states(void) {
  char req[1024];
  char idb[64] = "", idc[64] = "";
  char *doc;

  /* Case A (the walk) claims 1 of 2; it is closed but not cancelled, so it still counts. */
  OPEN_REFUSED(case_for_qty(req, 2), RECLAIM_NOT_ALLOWED, "quantity_exceeded");
  OPEN_REFUSED(case_for_qty(req, 3), RECLAIM_NOT_ALLOWED, "quantity_exceeded");
  doc = OPEN(case_for_qty(req, 1), RECLAIM_OK);
  CHECK(json_str(doc, "id", idb, sizeof idb));
  EXPECT_CASE(doc, "received", 1);
  reclaim_free(doc);
  OPEN_REFUSED(case_for_qty(req, 1), RECLAIM_NOT_ALLOWED, "quantity_exceeded");

  /* Wrong states for case B (received). */
  REFUSED(idb, "{\"action\":\"fulfil\"," HOST ",\"reference\":\"R-2\"}", RECLAIM_NOT_ALLOWED);
  REFUSED(idb, "{\"action\":\"fulfil\"," AGENT ",\"reference\":\"R-2\"}", RECLAIM_NOT_ALLOWED);
  REFUSED(idb, "{\"action\":\"receive_goods\"," AGENT ",\"condition\":\"as_new\"}",
          RECLAIM_NOT_ALLOWED);
  REFUSED(idb, "{\"action\":\"close\"," AGENT "}", RECLAIM_NOT_ALLOWED);
  REFUSED(idb, "{\"action\":\"reopen\"," AGENT ",\"reason\":\"x\"}", RECLAIM_NOT_ALLOWED);

  /* Walk B to received goods, then fulfil from there is still refused. */
  STEP(idb, "{\"action\":\"authorize_return\"," AGENT ",\"instructions\":\"send it\"}",
       "waiting_for_goods", 2);
  STEP(idb, "{\"action\":\"receive_goods\"," HOST ",\"condition\":\"damaged\"}", "goods_received",
       3);
  REFUSED(idb, "{\"action\":\"fulfil\"," HOST ",\"reference\":\"R-2\"}", RECLAIM_NOT_ALLOWED);

  /* Cancelling B frees its quantity. */
  STEP(idb, "{\"action\":\"cancel\"," CUSTOMER ",\"reason\":\"found it works\"}", "cancelled", 4);
  REFUSED(idb, ABI_COMMENT, RECLAIM_NOT_ALLOWED);
  doc = OPEN(case_for_qty(req, 1), RECLAIM_OK);
  CHECK(json_str(doc, "id", idc, sizeof idc));
  reclaim_free(doc);

  /* A re-import may not drop a line an open case claims. */
  {
    char *out = NULL;
    int rc = reclaim_order_import(
        E, NULL, "reclaim",
        "{\"id\":\"1001\",\"number\":\"#1001\",\"currency\":\"PLN\","
        "\"customer\":{\"email\":\"jan@example.pl\",\"name\":\"Jan Kowalski\",\"locale\":\"pl\"},"
        "\"lines\":[{\"id\":\"2\",\"sku\":\"KET-2\",\"name\":\"Czajnik 2\",\"qty\":2,"
        "\"unit_price\":\"199.99\"}]}",
        &out);
    CHECK_STATUS_DOC(rc, RECLAIM_CONFLICT, out);
    CHECK_ERROR_DOC(out, rc);
    reclaim_free(out);
    out = NULL;
    CHECK_STATUS(reclaim_order_get(E, NULL, "1001", &out), RECLAIM_OK);
    CHECK_CONTAINS(out, "\"KET-1\"");
    reclaim_free(out);
  }

  /* Customers must name an order and its e-mail. */
  OPEN_REFUSED("{\"shop\":\"default\",\"kind\":\"complaint\"," CUSTOMER
               ",\"customer\":{\"email\":\"jan@example.pl\"},"
               "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
               "\"currency\":\"PLN\",\"reason\":\"defect\"}]}",
               RECLAIM_NOT_ALLOWED, NULL);
  OPEN_REFUSED("{\"shop\":\"default\",\"kind\":\"complaint\"," CUSTOMER
               ",\"order_id\":\"1002\",\"customer\":{\"email\":\"jan@example.pl\"},"
               "\"items\":[{\"line\":\"7\",\"qty\":1,\"reason\":\"defect\"}]}",
               RECLAIM_NOT_ALLOWED, NULL);
}

static void test_not_found(void) {
  char *out = NULL;
  int rc;
  rc = reclaim_case_get(E, "c_doesnotexist", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_get(E, "RC-2026-999999", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  REFUSED("RC-2026-999999", ABI_COMMENT, RECLAIM_NOT_FOUND);
  out = NULL;
  rc = reclaim_case_act(E, "", ABI_COMMENT, &out);
  CHECK(rc == RECLAIM_NOT_FOUND || rc == RECLAIM_INVALID_ARGUMENT);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_get(E, NULL, "9999", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_get(E, "nosuchshop", "1001", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_import(E, "nosuchshop", "reclaim", ABI_ORDER_1001, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_NOT_FOUND, out);
  CHECK_ERROR_DOC(out, rc);
  reclaim_free(out);
  OPEN_REFUSED("{\"shop\":\"default\",\"kind\":\"complaint\"," AGENT ",\"order_id\":\"9999\","
               "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
               RECLAIM_NOT_FOUND, NULL);
  OPEN_REFUSED("{\"shop\":\"nosuchshop\",\"kind\":\"complaint\"," AGENT ","
               "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
               "\"currency\":\"PLN\",\"reason\":\"defect\"}]}",
               RECLAIM_NOT_FOUND, NULL);
}

#define EXPECT_UNSUPPORTED(call)                                                              \
  do {                                                                                        \
    char *out = NULL;                                                                         \
    int rc_ = (call);                                                                         \
    if (abi_check_status(__FILE__, __LINE__, #call, rc_, RECLAIM_UNSUPPORTED, out))           \
      abi_check_error_doc(__FILE__, __LINE__, out, rc_);                                      \
    reclaim_free(out);                                                                        \
  } while (0)

static void test_unsupported(void) {
  long n0 = abi_count_events(E, NULL);
  EXPECT_UNSUPPORTED(reclaim_order_import(E, NULL, "nonsense", ABI_ORDER_1001, &out));
  CHECK(abi_count_events(E, NULL) == n0);
}

static void test_clocks(void) {
  static const char *const cfgs[] = {
      "{\"database\":\"sqlite::memory:\",\"clock\":\"system\"}",
      "{\"database\":\"sqlite::memory:\"}",
  };
  size_t i;
  for (i = 0; i < 2; ++i) {
    reclaim_engine *s = NULL;
    int rc = reclaim_open(cfgs[i], &s, NULL);
    CHECK_STATUS(rc, RECLAIM_OK);
    if (rc == RECLAIM_OK) {
      CHECK_STATUS(reclaim_clock_set(s, ABI_T0_MS), RECLAIM_NOT_ALLOWED);
    }
    reclaim_close(s);
  }
  /* Two engines in one process are independent. */
  {
    reclaim_engine *other = abi_open_memory();
    char *out = NULL;
    if (other != NULL) {
      CHECK_STATUS(reclaim_case_get(other, "RC-2026-000001", &out), RECLAIM_NOT_FOUND);
      reclaim_free(out);
      out = NULL;
      CHECK_STATUS(reclaim_case_open(other, ABI_CASE_OPEN_STAFF, &out), RECLAIM_OK);
      CHECK_CONTAINS(out, "\"number\":\"RC-2026-000001\"");
      reclaim_free(out);
    }
    reclaim_close(other);
  }
}

static void test_events_cursor(void) {
  long total = abi_count_events(E, NULL);
  long seen = 0;
  long long after = 0, last_seq = 0;
  int pages = 0, opened = 0, changed = 0, ok = 1;

  CHECK(total >= 20);
  while (pages < 10000) {
    char q[128];
    char *out = NULL;
    long n, i;
    long long next = -1;
    int rc;
    sprintf(q, "{\"after\":%lld,\"limit\":2}", after);
    rc = reclaim_events_read(E, q, &out);
    if (!CHECK_STATUS_DOC(rc, RECLAIM_OK, out)) {
      reclaim_free(out);
      ok = 0;
      break;
    }
    ++pages;
    n = json_array_len(out, "events");
    if (n < 0 || n > 2 || !json_int(out, "next", &next)) {
      CHECK_MSG(0, "bad events page: %.300s", out);
      reclaim_free(out);
      ok = 0;
      break;
    }
    for (i = 0; i < n; ++i) {
      const char *ev = json_array_at(out, "events", i);
      long long seq = -1;
      char type[64] = "";
      if (!json_int(ev, "seq", &seq) || seq <= last_seq) {
        CHECK_MSG(0, "event seq %lld does not follow %lld", seq, last_seq);
        ok = 0;
      }
      last_seq = seq;
      if (!json_str(ev, "type", type, sizeof type)) ok = 0;
      if (strcmp(type, "case.opened") == 0) ++opened;
      if (strcmp(type, "case.state_changed") == 0) ++changed;
      if (json_path(ev, "case_id") == NULL || json_path(ev, "at") == NULL) ok = 0;
    }
    seen += n;
    if (n == 0) {
      CHECK_MSG(next == after, "an empty page moved the cursor from %lld to %lld", after, next);
      reclaim_free(out);
      break;
    }
    CHECK_MSG(next == last_seq, "\"next\" %lld is not the last seq %lld", next, last_seq);
    after = next;
    reclaim_free(out);
  }
  CHECK(ok);
  CHECK_MSG(seen == total, "paged through %ld events, a single read saw %ld", seen, total);
  CHECK(opened >= 5);
  CHECK(changed >= 8);
  CHECK(pages >= total / 2);
}

/* An exchange through the ABI: the goods given, the difference the engine computes, refusals
   that name their field and change nothing. */
static void test_exchange(void) {
  char id[64] = "";
  char *doc = OPEN("{\"kind\":\"return\"," AGENT ",\"order_id\":\"1002\","
                   "\"items\":[{\"line\":\"7\",\"qty\":1,\"reason\":\"changed_mind\"}]}",
                   RECLAIM_OK);
  CHECK(json_str(doc, "id", id, sizeof id));
  reclaim_free(doc);
  REFUSED_WITH(id,
               "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"exchange\","
               "\"sku\":\"TO-2\",\"unit_price\":\"99.00\",\"currency\":\"EUR\"}}",
               RECLAIM_INVALID_ARGUMENT, "\"resolution.currency\"");
  REFUSED_WITH(id,
               "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"exchange\","
               "\"unit_price\":\"99.00\",\"currency\":\"PLN\"}}",
               RECLAIM_INVALID_ARGUMENT, "\"resolution.sku\"");
  REFUSED_WITH(id,
               "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"exchange\","
               "\"sku\":\"TO-2\",\"unit_price\":\"99.00\",\"currency\":\"PLN\",\"qty\":\"1\"}}",
               RECLAIM_INVALID_ARGUMENT, "\"resolution.qty\"");
  REFUSED_WITH(id,
               "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"exchange\","
               "\"sku\":\"TO-2\",\"name\":\"\xff\xfe\",\"unit_price\":\"99.00\",\"currency\":\"PLN\"}}",
               RECLAIM_INVALID_ARGUMENT, NULL);
  REFUSED(id,
          "{\"action\":\"accept\"," CUSTOMER ",\"resolution\":{\"type\":\"exchange\","
          "\"sku\":\"TO-2\",\"unit_price\":\"99.00\",\"currency\":\"PLN\"}}",
          RECLAIM_NOT_ALLOWED);
  doc = ACT(id,
            "{\"action\":\"accept\"," SUPERVISOR ",\"resolution\":{\"type\":\"exchange\","
            "\"sku\":\"TO-2\",\"name\":\"Toster <b>XL</b>\",\"unit_price\":\"99.00\","
            "\"currency\":\"PLN\"}}",
            RECLAIM_OK);
  EXPECT_CASE(doc, "accepted", 2);
  CHECK_CONTAINS(doc, "\"name\":\"Toster <b>XL</b>\"");
  CHECK_CONTAINS(doc, "\"price_difference\":{\"amount\":\"10.00\",\"currency\":\"PLN\","
                      "\"settle\":\"charge\"}");
  reclaim_free(doc);
}

/* Supplier claims through the ABI: made by the host, refused to the customer and for units
 * already claimed, answered once; the case's state does not move. */
static void test_supplier_claims(void) {
  char id[64] = "";
  char *doc = NULL;
  int rc = reclaim_order_import(E, NULL, "reclaim",
                                "{\"id\":\"1003\",\"currency\":\"PLN\","
                                "\"customer\":{\"email\":\"ola@example.pl\"},"
                                "\"lines\":[{\"id\":\"9\",\"name\":\"Toster\",\"qty\":1,"
                                "\"unit_price\":\"89.00\",\"supplier\":\"Tostery\"}]}",
                                &doc);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, doc);
  reclaim_free(doc);
  doc = OPEN("{\"kind\":\"complaint\"," AGENT ",\"order_id\":\"1003\","
             "\"items\":[{\"line\":\"9\",\"qty\":1,\"reason\":\"defect\"}]}",
             RECLAIM_OK);
  CHECK(json_str(doc, "id", id, sizeof id));
  reclaim_free(doc);
  REFUSED(id, "{\"action\":\"claim_supplier\"," CUSTOMER ",\"supplier\":\"Tostery\"}",
          RECLAIM_NOT_ALLOWED);
  REFUSED_WITH(id, "{\"action\":\"claim_supplier\"," HOST "}", RECLAIM_INVALID_ARGUMENT,
               "\"supplier\"");
  REFUSED_WITH(id, "{\"action\":\"claim_supplier\"," HOST ",\"supplier\":\"\xc3\x28\"}",
               RECLAIM_INVALID_ARGUMENT, NULL);
  REFUSED_WITH(id, "{\"action\":\"supplier_answer\"," HOST ",\"answer\":\"accepted\"}",
               RECLAIM_NOT_ALLOWED, "\"no_open_claim\"");
  doc = ACT(id, "{\"action\":\"claim_supplier\"," HOST ",\"supplier\":\"Tostery <i>SA</i>\"}",
            RECLAIM_OK);
  EXPECT_CASE(doc, "received", 2);
  CHECK_CONTAINS(doc, "\"supplier\":\"Tostery <i>SA</i>\"");
  CHECK_CONTAINS(doc, "\"claimed\":{\"amount\":\"89.00\",\"currency\":\"PLN\"}");
  reclaim_free(doc);
  REFUSED_WITH(id, "{\"action\":\"claim_supplier\"," HOST ",\"supplier\":\"Other\"}",
               RECLAIM_NOT_ALLOWED, "\"already_claimed\"");
  doc = ACT(id, "{\"action\":\"supplier_answer\"," HOST ",\"answer\":\"rejected\","
                "\"reason\":\"wear and tear\"}",
            RECLAIM_OK);
  EXPECT_CASE(doc, "received", 3);
  CHECK_CONTAINS(doc, "\"answer\":\"rejected\"");
  CHECK_CONTAINS(doc, "\"answer_reason\":\"wear and tear\"");
  reclaim_free(doc);
  REFUSED_WITH(id, "{\"action\":\"supplier_answer\"," HOST ",\"claim\":1,\"answer\":\"accepted\"}",
               RECLAIM_NOT_ALLOWED, "\"already_answered\"");
}

int main(void) {
  E = abi_open_memory();
  if (E == NULL) return TEST_SUMMARY();
  test_orders();
  test_walk();
  test_rating_range();
  test_idempotency();
  test_quantities_and_states();
  test_not_found();
  test_unsupported();
  test_clocks();
  test_events_cursor();
  test_exchange();
  test_supplier_claims();
  reclaim_close(E);
  return TEST_SUMMARY();
}
