/*
 * abi_policy_test.c — policies, eligibility and the deadline watch through the public ABI:
 * bad input changes nothing, a policy stricter than the law is refused with its rule, answers
 * come in the requested language, and two processes ticking one database send each alert once.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PL_CONFIG_FOR(database)                                                               \
  "{\"database\":\"" database "\",\"clock\":\"manual\",\"shops\":[{\"id\":\"default\","      \
  "\"jurisdiction\":\"PL\",\"timezone\":\"Europe/Warsaw\",\"currency\":\"PLN\","              \
  "\"locale\":\"pl\"}]}"

#define RETURN_CHECK(locale)                                                                  \
  "{\"order_id\":\"1001\",\"kind\":\"return\",\"locale\":\"" locale "\","                     \
  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"changed_mind\"}]}"

/* 2026-11-10T09:00:00Z is ABI_T0_MS; one day in ms. */
#define DAY_MS ((int64_t)86400000LL)

static reclaim_engine *open_polish(const char *config) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  int rc = reclaim_open(config, &e, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  if (rc != RECLAIM_OK) return NULL;
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS), RECLAIM_OK);
  out = NULL;
  CHECK_STATUS(reclaim_order_import(e, NULL, "reclaim", ABI_ORDER_1001, &out), RECLAIM_OK);
  reclaim_free(out);
  return e;
}

/* How many events of one type the engine holds. */
static long count_type(reclaim_engine *e, const char *type) {
  long found = 0;
  long long after = 0;
  for (;;) {
    char q[128];
    char *out = NULL;
    long n, i;
    sprintf(q, "{\"after\":%lld,\"limit\":1000}", after);
    if (reclaim_events_read(e, q, &out) != RECLAIM_OK) {
      reclaim_free(out);
      return -1;
    }
    n = json_array_len(out, "events");
    for (i = 0; i < n; ++i) {
      if (json_str_eq(json_array_at(out, "events", i), "type", type)) ++found;
    }
    json_int(out, "next", &after);
    reclaim_free(out);
    if (n <= 0) return found;
  }
}

static void expect_error(int rc, int want, char *out, const char *field) {
  if (abi_check_status(__FILE__, __LINE__, "call", rc, want, out)) {
    abi_check_error_doc(__FILE__, __LINE__, out, rc);
    if (field != NULL && out != NULL)
      CHECK_MSG(json_str_eq(out, "error.field", field), "field: %.300s", out);
  }
  reclaim_free(out);
}

/* `call` writes to `out`; checked once it has returned. */
#define EXPECT_ERROR(call, want, field)                                                       \
  do {                                                                                        \
    char *out = NULL;                                                                         \
    int rc_ = (call);                                                                         \
    expect_error(rc_, (want), out, (field));                                                  \
  } while (0)

static void test_bad_input_changes_nothing(reclaim_engine *e) {
  char *big;
  char *out = NULL;
  EXPECT_ERROR(reclaim_policy_set(NULL, "default", "{}", &out), RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", NULL, &out), RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", "{\"return_window_days\":", &out),
               RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", "{\"party\":\"\xff\xfe\"}", &out),
               RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", "[1,2,3]", &out), RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", "{\"appeal_days\":1e400}", &out),
               RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "nope", "{}", &out), RECLAIM_NOT_FOUND, NULL);
  EXPECT_ERROR(reclaim_policy_set(e, "default", "{\"return_window_days\":7}", &out),
               RECLAIM_NOT_ALLOWED, "return_window_days");
  EXPECT_ERROR(reclaim_policy_set(e, "default", "{\"sla\":{\"decision_days\":\"7\"}}", &out),
               RECLAIM_INVALID_ARGUMENT, "sla.decision_days");
  big = malloc(2u << 20);
  memset(big, ' ', (2u << 20) - 3);
  strcpy(big + (2u << 20) - 3, "{}");
  EXPECT_ERROR(reclaim_policy_set(e, "default", big, &out), RECLAIM_INVALID_ARGUMENT, NULL);
  free(big);
  CHECK_STATUS(reclaim_policy_get(e, NULL, &out), RECLAIM_OK);
  CHECK_MSG(strstr(out, "\"preset\":true") != NULL, "still the preset: %.300s", out);
  reclaim_free(out);
  EXPECT_ERROR(reclaim_policy_get(NULL, "default", &out), RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_policy_get(e, "nope", &out), RECLAIM_NOT_FOUND, NULL);

  EXPECT_ERROR(reclaim_eligibility_check(NULL, RETURN_CHECK("en"), &out),
               RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_eligibility_check(e, NULL, &out), RECLAIM_INVALID_ARGUMENT, NULL);
  EXPECT_ERROR(reclaim_eligibility_check(e, "{\"order_id\":\"1001\",\"kind\":\"swap\","
                                            "\"items\":[{\"line\":\"1\"}]}", &out),
               RECLAIM_INVALID_ARGUMENT, "kind");
  EXPECT_ERROR(reclaim_eligibility_check(e, "{\"order_id\":\"1001\",\"kind\":\"return\","
                                            "\"items\":[{\"line\":\"1\",\"qty\":-1}]}", &out),
               RECLAIM_INVALID_ARGUMENT, "items[0].qty");
  EXPECT_ERROR(reclaim_eligibility_check(e, "{\"order_id\":\"1001\",\"kind\":\"return\","
                                            "\"items\":[]}", &out),
               RECLAIM_INVALID_ARGUMENT, "items");
  EXPECT_ERROR(reclaim_eligibility_check(e, "{\"order_id\":\"1001\",\"kind\":\"return\","
                                            "\"items\":[{\"line\":\"1\"}],\"x\":1}", &out),
               RECLAIM_INVALID_ARGUMENT, "x");
  EXPECT_ERROR(reclaim_eligibility_check(e, "{\"order_id\":\"404\",\"kind\":\"return\","
                                            "\"items\":[{\"line\":\"1\"}]}", &out),
               RECLAIM_NOT_FOUND, "order_id");
  EXPECT_ERROR(reclaim_tick(NULL, &out), RECLAIM_INVALID_ARGUMENT, NULL);
  CHECK(abi_count_events(e, NULL) == 0);
}

static void test_policy_and_eligibility(reclaim_engine *e) {
  char *out = NULL;
  int rc = reclaim_policy_set(
      e, "default",
      "{\"return_window_days\":30,\"non_returnable\":{\"categories\":[\"food\"]},"
      "\"decision_limits\":{\"agent\":{\"PLN\":\"100.00\"}}}",
      &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_str_eq(out, "policy.jurisdiction", "PL"));
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_policy_get(e, "default", &out), RECLAIM_OK);
  CHECK(json_str_eq(out, "policy.decision_limits.agent.PLN", "100.00"));
  CHECK(strstr(out, "\"return_window_days\":30") != NULL);
  reclaim_free(out);

  out = NULL;
  CHECK_STATUS(reclaim_eligibility_check(e, RETURN_CHECK("pl"), &out), RECLAIM_OK);
  CHECK(strstr(out, "\"eligible\":true") != NULL);
  CHECK(json_str_eq(json_array_at(out, "items", 0), "code", "statutory_withdrawal"));
  CHECK_CONTAINS(out, "do 19 listopada 2026");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_eligibility_check(e, RETURN_CHECK("ru"), &out), RECLAIM_OK);
  CHECK_CONTAINS(out, "до 19 ноября 2026");
  reclaim_free(out);
  out = NULL;
  CHECK_STATUS(reclaim_eligibility_check(e, RETURN_CHECK("en"), &out), RECLAIM_OK);
  CHECK_CONTAINS(out, "until 19 November 2026");
  reclaim_free(out);
}

static void test_limits_and_tick(reclaim_engine *e) {
  char *out = NULL;
  char id[64] = "";
  long breaches;
  int rc = reclaim_case_open(e, ABI_CASE_OPEN_CUSTOMER, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  json_str(out, "id", id, sizeof id);
  CHECK(json_str_eq(out, "deadlines.decision_due", "2026-11-24T22:59:59Z"));
  CHECK(strstr(out, "art. 7a") != NULL);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_case_act(e, id,
                        "{\"action\":\"accept\",\"actor\":{\"role\":\"agent\",\"id\":\"a\"},"
                        "\"resolution\":{\"type\":\"refund\"}}",
                        &out);
  if (abi_check_status(__FILE__, __LINE__, "accept above the limit", rc, RECLAIM_NOT_ALLOWED, out))
    CHECK_CONTAINS(out, "supervisor");
  reclaim_free(out);
  CHECK(abi_case_version(e, id) == 1);

  out = NULL;
  CHECK_STATUS(reclaim_tick(e, &out), RECLAIM_OK);
  CHECK(json_str_eq(out, "at", "2026-11-10T09:00:00Z"));
  reclaim_free(out);
  CHECK(count_type(e, "case.deadline_breached") == 0);
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS + DAY_MS + 1000), RECLAIM_OK);
  CHECK_STATUS(reclaim_tick(e, NULL), RECLAIM_OK);
  CHECK_STATUS(reclaim_tick(e, NULL), RECLAIM_OK);
  breaches = count_type(e, "case.deadline_breached");
  CHECK_MSG(breaches == 1, "one first-response breach, got %ld", breaches);
  /* Past the decision date: deemed accepted. */
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS + 15 * DAY_MS), RECLAIM_OK);
  CHECK_STATUS(reclaim_tick(e, NULL), RECLAIM_OK);
  out = NULL;
  CHECK_STATUS(reclaim_case_get(e, id, &out), RECLAIM_OK);
  CHECK(json_str_eq(out, "state", "accepted"));
  CHECK(strstr(out, "\"deemed\":true") != NULL);
  reclaim_free(out);
}

/* Two processes tick the same file database at the same instants: every alert exactly once. */
static void test_two_processes_tick(void) {
  char dir[] = "/tmp/reclaim-tick-XXXXXX";
  char cfg[800];
  reclaim_engine *e;
  int i, status;
  pid_t child;
  int go[2];
  if (mkdtemp(dir) == NULL || pipe(go) != 0) {
    CHECK_MSG(0, "setup failed");
    return;
  }
  /* RECLAIM_TEST_DATABASE: another database than a new SQLite file (a PostgreSQL schema). */
  if (getenv("RECLAIM_TEST_DATABASE") && *getenv("RECLAIM_TEST_DATABASE"))
    snprintf(cfg, sizeof cfg,
             "{\"database\":\"%.300s\",\"clock\":\"manual\",\"shops\":[{\"id\":"
             "\"default\",\"jurisdiction\":\"PL\",\"timezone\":\"Europe/Warsaw\"}]}",
             getenv("RECLAIM_TEST_DATABASE"));
  else
    sprintf(cfg,
            "{\"database\":\"sqlite:%s/reclaim.db\",\"clock\":\"manual\",\"shops\":[{\"id\":"
            "\"default\",\"jurisdiction\":\"PL\",\"timezone\":\"Europe/Warsaw\"}]}",
            dir);
  e = open_polish(cfg);
  if (e == NULL) return;
  for (i = 0; i < 50; ++i) {
    char *out = NULL;
    if (reclaim_case_open(e, ABI_CASE_OPEN_STAFF, &out) != RECLAIM_OK) CHECK_MSG(0, "%.200s", out);
    reclaim_free(out);
  }
  reclaim_close(e);
  fflush(stdout);
  child = fork();
  {
    /* Both processes: wait for the start, then tick through 20 days in 6-hour steps. */
    reclaim_engine *mine = NULL;
    char *out = NULL;
    char byte = 0;
    int failures = 0;
    if (reclaim_open(cfg, &mine, &out) != RECLAIM_OK) failures = 1000;
    reclaim_free(out);
    if (child == 0) {
      if (read(go[0], &byte, 1) != 1) failures += 1;
    } else {
      if (write(go[1], &byte, 1) != 1) failures += 1;
    }
    for (i = 0; mine != NULL && i <= 80; ++i) {
      reclaim_clock_set(mine, ABI_T0_MS + (int64_t)i * 6 * 3600 * 1000);
      if (reclaim_tick(mine, NULL) != RECLAIM_OK) ++failures;
    }
    reclaim_close(mine);
    if (child == 0) _exit(failures == 0 ? 0 : 1);
    CHECK_MSG(failures == 0, "%d failed ticks in the parent", failures);
  }
  CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  e = NULL;
  {
    char *out = NULL;
    CHECK_STATUS(reclaim_open(cfg, &e, &out), RECLAIM_OK);
    reclaim_free(out);
  }
  if (e != NULL) {
    /* In 20 days each case sees its first-response breach, two warnings before the decision
     * date (72 h, 24 h) and its breach, which deems the case accepted (PL art. 7a). */
    long at_risk = count_type(e, "case.deadline_at_risk");
    long breached = count_type(e, "case.deadline_breached");
    long changed = count_type(e, "case.state_changed");
    CHECK_MSG(at_risk == 100, "at risk: %ld", at_risk);
    CHECK_MSG(breached == 100, "breached: %ld", breached);
    CHECK_MSG(changed == 50, "deemed: %ld", changed);
    reclaim_close(e);
  }
  remove_dir(dir);
}

int main(void) {
  reclaim_engine *e = open_polish(PL_CONFIG_FOR("sqlite::memory:"));
  if (e != NULL) {
    test_bad_input_changes_nothing(e);
    test_policy_and_eligibility(e);
    test_limits_and_tick(e);
    reclaim_close(e);
  }
  test_two_processes_tick();
  return TEST_SUMMARY();
}
