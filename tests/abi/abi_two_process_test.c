/*
 * abi_two_process_test.c — two processes on one new SQLite file.
 *
 * Both processes call reclaim_open at the same moment on a database that does not exist yet
 * (synchronised with pipes), both open the same shared case with one idempotency key, then
 * each opens 200 cases and comments 200 times on the shared case with expected_version retry
 * loops (read the version, act, on RECLAIM_CONFLICT read again and retry). No call may return
 * RECLAIM_BUSY or RECLAIM_STORAGE ("database is locked" must never reach the caller); case
 * numbers are unique; the shared case's final version reflects every successful act.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define CASES 200
#define ACTS 200
#define MAX_ATTEMPTS 100000

#define SHARED_OPEN                                                                           \
  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"\
  "\"items\":[{\"sku\":\"S\",\"name\":\"Shared\",\"qty\":1,\"unit_price\":\"10.00\","         \
  "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"idempotency_key\":\"shared\"}"

struct result {
  int open_status;
  int shared_status;
  int opened;
  int acted;
  int conflicts;
  int bad;
  int busy_or_storage;
  int version_jumps; /* an OK act whose result version was not expected_version + 1 */
  int first_bad_status;
  char first_bad[400];
  char shared_id[64];
  char numbers[CASES][32];
};

static void note_bad(struct result *r, const char *what, int rc, const char *doc) {
  ++r->bad;
  if (rc == RECLAIM_BUSY || rc == RECLAIM_STORAGE) ++r->busy_or_storage;
  if (r->first_bad_status == 0) {
    r->first_bad_status = rc;
    sprintf(r->first_bad, "%s: %s %.300s", what, reclaim_status_name(rc), doc ? doc : "(null)");
  }
}

static void run(const char *cfg, const char *who, struct result *r) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  int i, rc;

  memset(r, 0, sizeof *r);
  r->open_status = reclaim_open(cfg, &e, &out);
  if (r->open_status != RECLAIM_OK) {
    note_bad(r, "reclaim_open", r->open_status, out);
    reclaim_free(out);
    return;
  }
  reclaim_free(out);
  out = NULL;

  r->shared_status = reclaim_case_open(e, SHARED_OPEN, &out);
  if (r->shared_status != RECLAIM_OK || !json_str(out, "id", r->shared_id, sizeof r->shared_id)) {
    note_bad(r, "shared case_open", r->shared_status, out);
    reclaim_free(out);
    reclaim_close(e);
    return;
  }
  reclaim_free(out);

  for (i = 0; i < CASES || i < ACTS; ++i) {
    char req[1024];
    if (i < CASES) {
      out = NULL;
      sprintf(req,
              "{\"shop\":\"default\",\"kind\":\"return\",\"actor\":{\"role\":\"agent\",\"id\":\"%s\"},"
              "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
              "\"currency\":\"PLN\",\"reason\":\"changed_mind\"}],\"description\":\"%s %d\"}",
              who, who, i);
      rc = reclaim_case_open(e, req, &out);
      if (rc == RECLAIM_OK && json_str(out, "number", r->numbers[r->opened], 32))
        ++r->opened;
      else
        note_bad(r, "case_open", rc, out);
      reclaim_free(out);
    }
    if (i < ACTS) {
      int attempt;
      for (attempt = 0; attempt < MAX_ATTEMPTS; ++attempt) {
        long long v = -1, v2 = -1;
        out = NULL;
        rc = reclaim_case_get(e, r->shared_id, &out);
        if (rc != RECLAIM_OK || !json_int(out, "version", &v)) {
          note_bad(r, "case_get", rc, out);
          reclaim_free(out);
          break;
        }
        reclaim_free(out);
        out = NULL;
        sprintf(req,
                "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"%s\"},"
                "\"message\":\"%s %d\",\"expected_version\":%lld}",
                who, who, i, v);
        rc = reclaim_case_act(e, r->shared_id, req, &out);
        if (rc == RECLAIM_OK) {
          ++r->acted;
          if (!json_int(out, "version", &v2) || v2 != v + 1) ++r->version_jumps;
          reclaim_free(out);
          break;
        }
        if (rc == RECLAIM_CONFLICT) {
          ++r->conflicts;
          reclaim_free(out);
          continue;
        }
        note_bad(r, "case_act", rc, out);
        reclaim_free(out);
        break;
      }
    }
  }
  reclaim_close(e);
}


static void report(const char *who, const struct result *r) {
  fprintf(stderr, "%s: open %s, shared %s, %d cases, %d acts, %d conflicts retried, %d bad\n",
          who, reclaim_status_name(r->open_status), reclaim_status_name(r->shared_status),
          r->opened, r->acted, r->conflicts, r->bad);
  if (r->bad) fprintf(stderr, "%s: first bad call: %s\n", who, r->first_bad);
}

int main(void) {
  char dir[] = "/tmp/reclaim-abi-2proc-XXXXXX";
  char cfg[600];
  int ready[2], go[2], results[2];
  static struct result mine, theirs;
  static char numbers[2 * CASES + 1][32];
  int status = 0, n = 0, i, dups = 0;
  pid_t child;
  char byte = 'x';

  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 2;
  }
  sprintf(cfg, "{\"database\":\"sqlite:%s/reclaim.db\"}", dir);
  if (pipe(ready) != 0 || pipe(go) != 0 || pipe(results) != 0) {
    perror("pipe");
    return 2;
  }
  fflush(stdout);
  fflush(stderr);
  child = fork();
  if (child < 0) {
    perror("fork");
    return 2;
  }
  if (child == 0) {
    static struct result r;
    close(ready[0]);
    close(go[1]);
    close(results[0]);
    if (write_all(ready[1], &byte, 1) != 0 || read_all(go[0], &byte, 1) != 0) _exit(3);
    run(cfg, "child", &r);
    _exit(write_all(results[1], &r, sizeof r) == 0 ? 0 : 4);
  }
  close(ready[1]);
  close(go[0]);
  close(results[1]);
  /* Both processes are ready: release the child and open at once. */
  if (read_all(ready[0], &byte, 1) != 0 || write_all(go[1], &byte, 1) != 0) {
    fprintf(stderr, "cannot synchronise with the child\n");
    return 2;
  }
  run(cfg, "parent", &mine);
  if (read_all(results[0], &theirs, sizeof theirs) != 0) {
    CHECK_MSG(0, "no result from the child");
    memset(&theirs, 0, sizeof theirs);
    theirs.open_status = -1;
  }
  waitpid(child, &status, 0);
  CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child exit status %d", status);

  report("parent", &mine);
  report("child", &theirs);
  CHECK_STATUS(mine.open_status, RECLAIM_OK);
  CHECK_STATUS(theirs.open_status, RECLAIM_OK);
  CHECK_STATUS(mine.shared_status, RECLAIM_OK);
  CHECK_STATUS(theirs.shared_status, RECLAIM_OK);
  CHECK_MSG(strcmp(mine.shared_id, theirs.shared_id) == 0,
            "one idempotency key gave two cases: %s and %s", mine.shared_id, theirs.shared_id);
  CHECK_MSG(mine.busy_or_storage == 0 && theirs.busy_or_storage == 0,
            "RECLAIM_BUSY/RECLAIM_STORAGE reached the caller (%d parent, %d child)",
            mine.busy_or_storage, theirs.busy_or_storage);
  CHECK(mine.bad == 0);
  CHECK(theirs.bad == 0);
  CHECK(mine.opened == CASES);
  CHECK(theirs.opened == CASES);
  CHECK(mine.acted == ACTS);
  CHECK(theirs.acted == ACTS);
  CHECK(mine.version_jumps == 0);
  CHECK(theirs.version_jumps == 0);

  /* Case numbers are unique across both processes. */
  for (i = 0; i < mine.opened; ++i) strcpy(numbers[n++], mine.numbers[i]);
  for (i = 0; i < theirs.opened; ++i) strcpy(numbers[n++], theirs.numbers[i]);
  qsort(numbers, (size_t)n, sizeof numbers[0], cmp_str);
  for (i = 1; i < n; ++i)
    if (strcmp(numbers[i - 1], numbers[i]) == 0) {
      ++dups;
      fprintf(stderr, "duplicate case number %s\n", numbers[i]);
    }
  CHECK_MSG(dups == 0, "%d duplicate case numbers", dups);

  /* The database as a third engine sees it. */
  {
    reclaim_engine *e = NULL;
    char *out = NULL;
    int rc = reclaim_open(cfg, &e, &out);
    CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
    reclaim_free(out);
    if (rc == RECLAIM_OK) {
      long long v = abi_case_version(e, mine.shared_id);
      long events = abi_count_events(e, mine.shared_id);
      long listed;
      CHECK_MSG(v == 1 + mine.acted + theirs.acted, "shared case version %lld, expected %d", v,
                1 + mine.acted + theirs.acted);
      CHECK_MSG(events >= 1 + mine.acted + theirs.acted, "shared case has %ld events", events);
      out = NULL;
      rc = reclaim_case_list(e, "{\"limit\":500}", &out);
      CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
      listed = json_array_len(out, "cases");
      CHECK_MSG(listed == 1 + mine.opened + theirs.opened, "%ld cases listed, expected %d",
                listed, 1 + mine.opened + theirs.opened);
      reclaim_free(out);
      reclaim_close(e);
    }
  }
  remove_dir(dir);
  return TEST_SUMMARY();
}
