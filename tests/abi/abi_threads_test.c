/*
 * abi_threads_test.c — one engine, a file database, 8 threads at once: each opens cases and
 * comments on one shared case without expected_version. No call may fail (in particular never
 * RECLAIM_BUSY or RECLAIM_STORAGE); afterwards the shared case's version is 1 + the number of
 * comments, the event counts add up and case numbers are unique.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <pthread.h>
#include <unistd.h>

#define THREADS 8
#define CASES_PER_THREAD 10
#define COMMENTS_PER_THREAD 25

struct worker {
  pthread_t thread;
  int index;
  int opened;
  int commented;
  int failures;
  int busy_or_storage;
  int first_bad_status;
  char first_bad_doc[512];
  char numbers[CASES_PER_THREAD][32];
};

static reclaim_engine *E;
static char shared_id[64];
static pthread_mutex_t start_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cond = PTHREAD_COND_INITIALIZER;
static int started = 0;

static void note_bad(struct worker *w, int rc, const char *doc) {
  ++w->failures;
  if (rc == RECLAIM_BUSY || rc == RECLAIM_STORAGE) ++w->busy_or_storage;
  if (w->first_bad_status == 0) {
    w->first_bad_status = rc;
    sprintf(w->first_bad_doc, "%.500s", doc ? doc : "(null)");
  }
}

static void *work(void *arg) {
  struct worker *w = (struct worker *)arg;
  int i;
  pthread_mutex_lock(&start_mutex);
  while (!started) pthread_cond_wait(&start_cond, &start_mutex);
  pthread_mutex_unlock(&start_mutex);

  for (i = 0; i < CASES_PER_THREAD || i < COMMENTS_PER_THREAD; ++i) {
    char req[1024];
    char *out = NULL;
    int rc;
    if (i < CASES_PER_THREAD) {
      sprintf(req,
              "{\"shop\":\"default\",\"kind\":\"complaint\","
              "\"actor\":{\"role\":\"agent\",\"id\":\"a%d\"},"
              "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
              "\"currency\":\"PLN\",\"reason\":\"defect\"}],\"description\":\"thread %d case %d\"}",
              w->index, w->index, i);
      rc = reclaim_case_open(E, req, &out);
      if (rc == RECLAIM_OK && json_str(out, "number", w->numbers[w->opened], 32)) {
        ++w->opened;
      } else {
        note_bad(w, rc, out);
      }
      reclaim_free(out);
      out = NULL;
    }
    if (i < COMMENTS_PER_THREAD) {
      sprintf(req,
              "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a%d\"},"
              "\"message\":\"thread %d comment %d\"}",
              w->index, w->index, i);
      rc = reclaim_case_act(E, shared_id, req, &out);
      if (rc == RECLAIM_OK) {
        ++w->commented;
      } else {
        note_bad(w, rc, out);
      }
      reclaim_free(out);
    }
    /* Reads interleaved with the writes. */
    if (i % 5 == 0) {
      out = NULL;
      rc = reclaim_case_get(E, shared_id, &out);
      if (rc != RECLAIM_OK) note_bad(w, rc, out);
      reclaim_free(out);
      out = NULL;
      rc = reclaim_events_read(E, "{\"after\":0,\"limit\":50}", &out);
      if (rc != RECLAIM_OK) note_bad(w, rc, out);
      reclaim_free(out);
    }
  }
  return NULL;
}


int main(void) {
  char dir[] = "/tmp/reclaim-abi-threads-XXXXXX";
  char cfg[600];
  char *out = NULL;
  struct worker workers[THREADS];
  static char all_numbers[THREADS * CASES_PER_THREAD + 1][32];
  long events0, events1, per_open, shared0, cases_total;
  int rc, i, opened = 0, commented = 0, failures = 0, busy = 0, n_numbers = 0, dups = 0;

  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 2;
  }
  sprintf(cfg, "{\"database\":\"sqlite:%s/reclaim.db\"}", dir);
  rc = reclaim_open(cfg, &E, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  out = NULL;
  if (rc != RECLAIM_OK) {
    remove_dir(dir);
    return TEST_SUMMARY();
  }

  /* The shared case, and how many events one opening writes. */
  events0 = abi_count_events(E, NULL);
  rc = reclaim_case_open(E, ABI_CASE_OPEN_STAFF, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  CHECK(json_str(out, "id", shared_id, sizeof shared_id));
  CHECK(json_str(out, "number", all_numbers[n_numbers++], 32));
  reclaim_free(out);
  out = NULL;
  events1 = abi_count_events(E, NULL);
  per_open = events1 - events0;
  CHECK(per_open >= 1);
  shared0 = abi_count_events(E, shared_id);
  CHECK(shared0 == per_open);
  CHECK(abi_case_version(E, shared_id) == 1);

  memset(workers, 0, sizeof workers);
  for (i = 0; i < THREADS; ++i) {
    workers[i].index = i;
    if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0) {
      perror("pthread_create");
      return 2;
    }
  }
  pthread_mutex_lock(&start_mutex);
  started = 1;
  pthread_cond_broadcast(&start_cond);
  pthread_mutex_unlock(&start_mutex);
  for (i = 0; i < THREADS; ++i) pthread_join(workers[i].thread, NULL);

  for (i = 0; i < THREADS; ++i) {
    int k;
    struct worker *w = &workers[i];
    opened += w->opened;
    commented += w->commented;
    failures += w->failures;
    busy += w->busy_or_storage;
    if (w->failures)
      fprintf(stderr, "thread %d: %d failed calls; first: %s %s\n", i, w->failures,
              reclaim_status_name(w->first_bad_status), w->first_bad_doc);
    for (k = 0; k < w->opened; ++k) strcpy(all_numbers[n_numbers++], w->numbers[k]);
  }
  CHECK_MSG(failures == 0, "%d calls failed", failures);
  CHECK_MSG(busy == 0, "%d calls returned RECLAIM_BUSY or RECLAIM_STORAGE", busy);
  CHECK(opened == THREADS * CASES_PER_THREAD);
  CHECK(commented == THREADS * COMMENTS_PER_THREAD);

  /* Every successful comment is one version and one event of the shared case. */
  {
    long long v = abi_case_version(E, shared_id);
    long shared1 = abi_count_events(E, shared_id);
    long events2 = abi_count_events(E, NULL);
    CHECK_MSG(v == 1 + commented, "shared case version %lld, expected %d", v, 1 + commented);
    CHECK_MSG(shared1 == shared0 + commented, "shared case has %ld events, expected %ld", shared1,
              shared0 + commented);
    CHECK_MSG(events2 == events1 + (long)opened * per_open + commented,
              "%ld events in all, expected %ld", events2,
              events1 + (long)opened * per_open + commented);
  }

  /* Case numbers are unique, and the list has every case. */
  qsort(all_numbers, (size_t)n_numbers, sizeof all_numbers[0], cmp_str);
  for (i = 1; i < n_numbers; ++i)
    if (strcmp(all_numbers[i - 1], all_numbers[i]) == 0) {
      ++dups;
      fprintf(stderr, "duplicate case number %s\n", all_numbers[i]);
    }
  CHECK(dups == 0);
  rc = reclaim_case_list(E, "{\"limit\":500}", &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  cases_total = json_array_len(out, "cases");
  CHECK_MSG(cases_total == 1 + opened, "%ld cases listed, expected %d", cases_total, 1 + opened);
  reclaim_free(out);

  reclaim_close(E);

  /* The data survived the engine: reopen and look again. */
  E = NULL;
  rc = reclaim_open(cfg, &E, NULL);
  CHECK_STATUS(rc, RECLAIM_OK);
  if (rc == RECLAIM_OK) {
    CHECK(abi_case_version(E, shared_id) == 1 + commented);
    reclaim_close(E);
  }
  remove_dir(dir);
  return TEST_SUMMARY();
}
