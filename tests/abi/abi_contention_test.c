/*
 * abi_contention_test.c — 8 processes, 500 mixed actions each, on the same cases.
 *
 * Each process opens new cases, opens cases with idempotency keys every process shares,
 * comments on a few shared cases with expected_version (one attempt: applied or rejected with
 * RECLAIM_CONFLICT) and reads them. Afterwards: no lost update (each shared case's version and
 * events count exactly the comments acknowledged), one case per idempotency key, unique case
 * numbers, and no other status than RECLAIM_OK and RECLAIM_CONFLICT.
 *
 * The database is a new SQLite file, or the one RECLAIM_TEST_DATABASE names. RECLAIM_TEST_ACTIONS
 * may lower the number of actions per process (the sanitizer build does).
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCS 8
#define MAX_ACTIONS 500
#define SHARED 4
#define KEYS 10

struct result {
  int open_status;
  int applied[SHARED];
  int conflicts;
  int opened;
  int reads;
  int version_jumps;
  struct abi_failures bad;
  char numbers[MAX_ACTIONS][32];
  char keyed_id[KEYS][64];
  char keyed_number[KEYS][32];
  int keyed_mismatch;
};

static char shared_id[SHARED][64];
static char shared_number[SHARED][32];

static void open_new(reclaim_engine *e, struct result *r, int who, int i) {
  char req[700];
  char *out = NULL;
  int rc;
  sprintf(req,
          "{\"shop\":\"default\",\"kind\":\"return\",\"actor\":{\"role\":\"agent\",\"id\":\"p%d\"},"
          "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
          "\"currency\":\"PLN\",\"reason\":\"changed_mind\"}],\"description\":\"p%d a%d\"}",
          who, who, i);
  rc = reclaim_case_open(e, req, &out);
  if (rc == RECLAIM_OK && json_str(out, "number", r->numbers[r->opened], 32))
    ++r->opened;
  else
    abi_note_failure(&r->bad, "case_open", rc, out);
  reclaim_free(out);
}

static void open_keyed(reclaim_engine *e, struct result *r, int key) {
  char req[700], id[64], number[32];
  char *out = NULL;
  int rc;
  sprintf(req,
          "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"host\"},"
          "\"items\":[{\"sku\":\"K\",\"name\":\"Keyed\",\"qty\":1,\"unit_price\":\"5.00\","
          "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"idempotency_key\":\"key-%d\"}",
          key);
  rc = reclaim_case_open(e, req, &out);
  if (rc == RECLAIM_OK && json_str(out, "id", id, sizeof id) &&
      json_str(out, "number", number, sizeof number)) {
    if (r->keyed_id[key][0] == '\0') {
      strcpy(r->keyed_id[key], id);
      strcpy(r->keyed_number[key], number);
    } else if (strcmp(r->keyed_id[key], id) != 0) {
      ++r->keyed_mismatch;
    }
  } else {
    abi_note_failure(&r->bad, "keyed case_open", rc, out);
  }
  reclaim_free(out);
}

static void comment(reclaim_engine *e, struct result *r, int who, int s, int i) {
  char req[400];
  char *out = NULL;
  long long v = -1, v2 = -1;
  int rc = reclaim_case_get(e, shared_id[s], &out);
  if (rc != RECLAIM_OK || !json_int(out, "version", &v)) {
    abi_note_failure(&r->bad, "case_get", rc, out);
    reclaim_free(out);
    return;
  }
  reclaim_free(out);
  out = NULL;
  sprintf(req,
          "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"p%d\"},"
          "\"message\":\"p%d a%d\",\"expected_version\":%lld}",
          who, who, i, v);
  rc = reclaim_case_act(e, shared_id[s], req, &out);
  if (rc == RECLAIM_OK) {
    ++r->applied[s];
    if (!json_int(out, "version", &v2) || v2 != v + 1) ++r->version_jumps;
  } else if (rc == RECLAIM_CONFLICT) {
    ++r->conflicts;
  } else {
    abi_note_failure(&r->bad, "case_act", rc, out);
  }
  reclaim_free(out);
}

static void look(reclaim_engine *e, struct result *r, int s) {
  char q[200];
  char *out = NULL;
  int rc = reclaim_case_get(e, shared_id[s], &out);
  if (rc != RECLAIM_OK) abi_note_failure(&r->bad, "case_get", rc, out);
  reclaim_free(out);
  out = NULL;
  sprintf(q, "{\"after\":0,\"limit\":50,\"case_id\":\"%s\"}", shared_id[s]);
  rc = reclaim_events_read(e, q, &out);
  if (rc == RECLAIM_OK) ++r->reads;
  else abi_note_failure(&r->bad, "events_read", rc, out);
  reclaim_free(out);
}

struct job {
  const char *cfg;
  int actions;
};

static void run(int who, const void *arg, void *result) {
  const struct job *job = (const struct job *)arg;
  const char *cfg = job->cfg;
  const int actions = job->actions;
  struct result *r = (struct result *)result;
  reclaim_engine *e = NULL;
  char *out = NULL;
  int i;
  memset(r, 0, sizeof *r);
  r->open_status = reclaim_open(cfg, &e, &out);
  if (r->open_status != RECLAIM_OK) {
    abi_note_failure(&r->bad, "reclaim_open", r->open_status, out);
    reclaim_free(out);
    return;
  }
  reclaim_free(out);
  for (i = 0; i < actions; ++i) {
    switch (i % 5) {
      case 0: open_new(e, r, who, i); break;
      case 1: open_keyed(e, r, (i / 5 + who) % KEYS); break;
      case 2:
      case 3: comment(e, r, who, (i * 7 + who) % SHARED, i); break;
      default: look(e, r, (i + who) % SHARED); break;
    }
  }
  reclaim_close(e);
}

static long count_cases(reclaim_engine *e) {
  long total = 0;
  char cursor[200] = "";
  for (;;) {
    char q[300];
    char *out = NULL;
    long n;
    if (cursor[0]) sprintf(q, "{\"limit\":100,\"cursor\":\"%s\"}", cursor);
    else strcpy(q, "{\"limit\":100}");
    if (reclaim_case_list(e, q, &out) != RECLAIM_OK) {
      reclaim_free(out);
      return -1;
    }
    n = json_array_len(out, "cases");
    total += n > 0 ? n : 0;
    if (!json_str(out, "next_cursor", cursor, sizeof cursor)) cursor[0] = '\0';
    reclaim_free(out);
    if (!cursor[0]) return total;
  }
}

int main(void) {
  static struct result results[PROCS];
  static char numbers[PROCS * MAX_ACTIONS + SHARED + KEYS][32];
  char dir[] = "/tmp/reclaim-abi-contention-XXXXXX";
  char cfg[600];
  const char *database = getenv("RECLAIM_TEST_DATABASE");
  const char *wanted = getenv("RECLAIM_TEST_ACTIONS");
  int actions = wanted ? atoi(wanted) : MAX_ACTIONS;
  int p, s, k, n = 0, dups = 0;
  long events_before[SHARED];
  struct abi_workers workers;
  struct job job;
  reclaim_engine *e = NULL;
  char *out = NULL;

  if (actions < 5 || actions > MAX_ACTIONS) actions = MAX_ACTIONS;
  if (mkdtemp(dir) == NULL) return 2;
  if (database && *database)
    snprintf(cfg, sizeof cfg, "{\"database\":\"%.400s\"}", database);
  else
    sprintf(cfg, "{\"database\":\"sqlite:%s/reclaim.db\"}", dir);

  /* The shared cases, made before the processes start. */
  CHECK_STATUS(reclaim_open(cfg, &e, NULL), RECLAIM_OK);
  if (!e) return TEST_SUMMARY();
  for (s = 0; s < SHARED; ++s) {
    out = NULL;
    CHECK_STATUS(reclaim_case_open(e, ABI_CASE_OPEN_STAFF, &out), RECLAIM_OK);
    CHECK(json_str(out, "id", shared_id[s], sizeof shared_id[s]));
    CHECK(json_str(out, "number", shared_number[s], sizeof shared_number[s]));
    reclaim_free(out);
    events_before[s] = abi_count_events(e, shared_id[s]);
  }
  reclaim_close(e);
  e = NULL;

  job.cfg = cfg;
  job.actions = actions;
  if (abi_fork_workers(&workers, PROCS, results, sizeof results[0], run, &job) != 0) return 2;
  abi_start_workers(&workers);
  for (p = 0; p < PROCS; ++p) {
    if (!abi_finish_worker(&workers, p, results, sizeof results[0])) {
      CHECK_MSG(0, "process %d ended without its result", p);
      results[p].open_status = -1;
    }
  }

  for (p = 0; p < PROCS; ++p) {
    struct result *r = &results[p];
    fprintf(stderr, "process %d: %d opened, %d+%d+%d+%d comments applied, %d conflicts, %d bad\n",
            p, r->opened, r->applied[0], r->applied[1], r->applied[2], r->applied[3],
            r->conflicts, r->bad.count);
    CHECK_STATUS(r->open_status, RECLAIM_OK);
    CHECK_MSG(r->bad.count == 0, "process %d: %d calls failed; first: %s", p, r->bad.count,
              r->bad.first);
    CHECK_MSG(r->version_jumps == 0, "process %d: %d acts skipped a version", p,
              r->version_jumps);
    CHECK_MSG(r->keyed_mismatch == 0, "process %d: a key gave two cases", p);
    for (k = 0; k < r->opened; ++k) strcpy(numbers[n++], r->numbers[k]);
  }

  /* One case per idempotency key, across every process. */
  for (k = 0; k < KEYS; ++k) {
    const char *first = NULL;
    const char *number = NULL;
    for (p = 0; p < PROCS; ++p) {
      if (results[p].keyed_id[k][0] == '\0') continue;
      if (!first) {
        first = results[p].keyed_id[k];
        number = results[p].keyed_number[k];
      } else {
        CHECK_MSG(strcmp(first, results[p].keyed_id[k]) == 0, "key-%d gave %s and %s", k, first,
                  results[p].keyed_id[k]);
      }
    }
    if (number) strcpy(numbers[n++], number);
  }
  for (s = 0; s < SHARED; ++s) strcpy(numbers[n++], shared_number[s]);
  qsort(numbers, (size_t)n, sizeof numbers[0], cmp_str);
  for (k = 1; k < n; ++k)
    if (strcmp(numbers[k - 1], numbers[k]) == 0) ++dups;
  CHECK_MSG(dups == 0, "%d duplicate case numbers", dups);

  /* No lost update: each shared case moved once per acknowledged comment, with one event each. */
  CHECK_STATUS(reclaim_open(cfg, &e, NULL), RECLAIM_OK);
  if (e) {
    long total_opened = 0, cases;
    for (s = 0; s < SHARED; ++s) {
      long applied = 0;
      long long version = abi_case_version(e, shared_id[s]);
      long events = abi_count_events(e, shared_id[s]);
      for (p = 0; p < PROCS; ++p) applied += results[p].applied[s];
      CHECK_MSG(applied > 0, "no comment went through on shared case %d", s);
      CHECK_MSG(version == 1 + applied, "shared case %d: version %lld after %ld comments", s,
                version, applied);
      CHECK_MSG(events == events_before[s] + applied, "shared case %d: %ld events after %ld + %ld",
                s, events, events_before[s], applied);
    }
    for (p = 0; p < PROCS; ++p) total_opened += results[p].opened;
    cases = count_cases(e);
    CHECK_MSG(cases == SHARED + total_opened + (n - SHARED - total_opened),
              "%ld cases stored, expected %ld", cases, (long)n);
    reclaim_close(e);
  }
  remove_dir(dir);
  return TEST_SUMMARY();
}
