/*
 * abi_writers_test.c — 8 processes write 500 changes each while a cursor reader follows them.
 *
 * Each process opens cases in its shop (two processes per shop, so they share its numbering)
 * and comments on its own cases with expected_version, every call acknowledged. Meanwhile the
 * parent follows reclaim_events_read and reclaim_messages_read with their cursors, as a host
 * does. Afterwards: the reader saw every event and message once, in seq order, none skipped
 * (the same list as a full read at the end); each case's first event is its opening; each
 * case's version, history and events count exactly its acknowledged changes; case numbers are
 * unique per shop.
 *
 * The database is a new SQLite file, or the one RECLAIM_TEST_DATABASE names (the suite runs it
 * on its PostgreSQL too). RECLAIM_TEST_ACTIONS may lower the number of changes per process.
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
/* abi_posix.h uses ABI_FN from abi_test.h */
#include "abi_posix.h"

#include <time.h>

#define PROCS 8
#define SHOPS 4
#define MAX_ACTIONS 500
#define MAX_CASES (MAX_ACTIONS / 5)
#define MAX_EVENTS (PROCS * MAX_ACTIONS)
#define PAGE 1000

struct result {
  int open_status;
  int opened;
  struct abi_failures bad;
  char ids[MAX_CASES][40];
  char numbers[MAX_CASES][32];
  int changes[MAX_CASES]; /* acknowledged comments per case */
};

struct seen {
  long long seq;
  char case_id[40];
  char type[40];
};

static struct seen followed[MAX_EVENTS], everything[MAX_EVENTS];
static long long followed_messages[MAX_EVENTS * 2], all_messages[MAX_EVENTS * 2];

static void open_case(reclaim_engine *e, struct result *r, int who, int i) {
  char req[700];
  char *out = NULL;
  int rc;
  sprintf(req,
          "{\"shop\":\"s%d\",\"kind\":\"return\",\"actor\":{\"role\":\"agent\",\"id\":\"p%d\"},"
          "\"customer\":{\"email\":\"p%d@example.pl\"},"
          "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","
          "\"currency\":\"PLN\",\"reason\":\"changed_mind\"}],\"description\":\"p%d a%d\"}",
          who % SHOPS, who, who, who, i);
  rc = reclaim_case_open(e, req, &out);
  if (rc == RECLAIM_OK && json_str(out, "id", r->ids[r->opened], sizeof r->ids[0]) &&
      json_str(out, "number", r->numbers[r->opened], sizeof r->numbers[0])) {
    r->changes[r->opened++] = 0;
  } else {
    abi_note_failure(&r->bad, "case_open", rc, out);
  }
  reclaim_free(out);
}

/* Nobody else changes this process's cases: the version it knows is always current. */
static void comment(reclaim_engine *e, struct result *r, int who, int c, int i) {
  char req[400];
  char *out = NULL;
  int rc;
  sprintf(req,
          "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"p%d\"},"
          "\"message\":\"p%d a%d\",\"expected_version\":%d}",
          who, who, i, 1 + r->changes[c]);
  rc = reclaim_case_act(e, r->ids[c], req, &out);
  if (rc == RECLAIM_OK)
    ++r->changes[c];
  else
    abi_note_failure(&r->bad, "case_act", rc, out);
  reclaim_free(out);
}

struct job {
  const char *cfg;
  int actions;
};

static void run(int who, const void *arg, void *result) {
  const struct job *job = (const struct job *)arg;
  struct result *r = (struct result *)result;
  reclaim_engine *e = NULL;
  char *out = NULL;
  int i;
  memset(r, 0, sizeof *r);
  r->open_status = reclaim_open(job->cfg, &e, &out);
  reclaim_free(out);
  if (r->open_status != RECLAIM_OK) return;
  for (i = 0; i < job->actions; ++i) {
    if (i % 5 == 0)
      open_case(e, r, who, i);
    else
      comment(e, r, who, (i * 7) % r->opened, i);
  }
  reclaim_close(e);
}

/* One page of "events" or "messages" after *cursor, moving *cursor to its next; NULL when the
 * read failed. Free with reclaim_free. */
static char *read_page(reclaim_engine *e, const char *list, long long *cursor) {
  char q[100];
  char *out = NULL;
  int rc;
  sprintf(q, "{\"after\":%lld,\"limit\":%d}", *cursor, PAGE);
  rc = strcmp(list, "events") == 0 ? reclaim_events_read(e, q, &out)
                                   : reclaim_messages_read(e, q, &out);
  if (rc != RECLAIM_OK) {
    reclaim_free(out);
    return NULL;
  }
  json_int(out, "next", cursor);
  return out;
}

/* One page of events into list[*n...]; returns the page's length, -1 on failure. */
static long read_events(reclaim_engine *e, long long *cursor, struct seen *list, long *n) {
  char *out = read_page(e, "events", cursor);
  long len, i;
  if (!out) return -1;
  len = json_array_len(out, "events");
  for (i = 0; i < len && *n < MAX_EVENTS; ++i, ++*n) {
    const char *event = json_array_at(out, "events", i);
    json_int(event, "seq", &list[*n].seq);
    json_str(event, "case_id", list[*n].case_id, sizeof list[*n].case_id);
    json_str(event, "type", list[*n].type, sizeof list[*n].type);
  }
  reclaim_free(out);
  return len;
}

/* The same for messages: their seq into list[*n...]. */
static long read_messages(reclaim_engine *e, long long *cursor, long long *list, long *n) {
  char *out = read_page(e, "messages", cursor);
  long len, i;
  if (!out) return -1;
  len = json_array_len(out, "messages");
  for (i = 0; i < len && *n < MAX_EVENTS * 2; ++i, ++*n) {
    json_int(json_array_at(out, "messages", i), "seq", &list[*n]);
  }
  reclaim_free(out);
  return len;
}

/* Follows both cursors while the writers run, taking each writer's result as it ends, until the
 * events of every acknowledged change were read and the messages read after them came back
 * empty (they commit with their events). Gives up two minutes after the last writer ended. */
static void follow(reclaim_engine *e, struct abi_workers *workers, struct result *results,
                   long *events, long *messages) {
  long long event_cursor = 0, message_cursor = 0;
  long expected = -1;
  int left = PROCS, p, c;
  time_t give_up = 0;
  *events = *messages = 0;
  for (;;) {
    long got = read_events(e, &event_cursor, followed, events);
    long mails = read_messages(e, &message_cursor, followed_messages, messages);
    CHECK_MSG(got >= 0 && mails >= 0, "a cursor read failed");
    if (got < 0 || mails < 0) return;
    if (left == 0 && *events >= expected && mails == 0) return;
    if (left == 0 && time(NULL) > give_up) {
      CHECK_MSG(0, "the follower saw %ld of %ld events", *events, expected);
      return;
    }
    for (p = 0; p < PROCS && left > 0; ++p) {
      if (!abi_result_ready(workers, p)) continue;
      if (abi_take_result(workers, p, results, sizeof results[0]) != 0) {
        results[p].open_status = -1;
      }
      if (--left == 0) {
        give_up = time(NULL) + 120;
        expected = 0;
        for (p = 0; p < PROCS; ++p) {
          expected += results[p].opened;
          for (c = 0; c < results[p].opened; ++c) expected += results[p].changes[c];
        }
      }
    }
  }
}

int main(void) {
  static struct result results[PROCS];
  char dir[] = "/tmp/reclaim-abi-writers-XXXXXX";
  char cfg[900];
  const char *database = getenv("RECLAIM_TEST_DATABASE");
  const char *wanted = getenv("RECLAIM_TEST_ACTIONS");
  const char *shops =
      "\"shops\":[{\"id\":\"s0\",\"currency\":\"PLN\"},{\"id\":\"s1\",\"currency\":"
      "\"PLN\"},{\"id\":\"s2\",\"currency\":\"PLN\"},{\"id\":\"s3\",\"currency\":"
      "\"PLN\"}]";
  const char *patient = "\"storage\":{\"busy_timeout_ms\":120000}";
  int actions = wanted ? atoi(wanted) : MAX_ACTIONS;
  int p, c;
  long n_followed = 0, n_everything = 0, n_messages = 0, n_all_messages = 0, expected = 0, i;
  long long cursor = 0;
  struct abi_workers workers;
  struct job job;
  reclaim_engine *e = NULL;

  if (actions < 5 || actions > MAX_ACTIONS) actions = MAX_ACTIONS;
  if (mkdtemp(dir) == NULL) return 2;
  /* Nine connections take turns at the writer's lock; under a sanitizer on two loaded cores a
   * turn can wait past the default 5 s. The test is about what commits, not how fast: wait long. */
  if (database && *database)
    snprintf(cfg, sizeof cfg, "{\"database\":\"%.400s\",%s,%s}", database, shops, patient);
  else
    snprintf(cfg, sizeof cfg, "{\"database\":\"sqlite:%s/reclaim.db\",%s,%s}", dir, shops,
             patient);

  /* The schema first, so the writers and the reader start on it together. */
  CHECK_STATUS(reclaim_open(cfg, &e, NULL), RECLAIM_OK);
  reclaim_close(e);
  e = NULL;

  job.cfg = cfg;
  job.actions = actions;
  if (abi_fork_workers(&workers, PROCS, results, sizeof results[0], run, &job) != 0) return 2;
  CHECK_STATUS(reclaim_open(cfg, &e, NULL), RECLAIM_OK);
  abi_start_workers(&workers);
  if (e) follow(e, &workers, results, &n_followed, &n_messages);

  for (p = 0; p < PROCS; ++p) {
    if (!abi_finish_worker(&workers, p, results, sizeof results[0])) {
      CHECK_MSG(0, "process %d ended without its result", p);
      results[p].open_status = -1;
    }
    CHECK_STATUS(results[p].open_status, RECLAIM_OK);
    CHECK_MSG(results[p].bad.count == 0, "process %d: %d calls failed; first: %s", p, results[p].bad.count,
              results[p].bad.first);
    expected += results[p].opened;
    for (c = 0; c < results[p].opened; ++c) expected += results[p].changes[c];
  }
  if (!e) return TEST_SUMMARY();

  /* The follower's lists are the full lists: nothing skipped, nothing twice, in seq order. */
  while (read_events(e, &cursor, everything, &n_everything) > 0) {
  }
  cursor = 0;
  while (read_messages(e, &cursor, all_messages, &n_all_messages) > 0) {
  }
  fprintf(stderr, "%ld events (%ld expected), %ld messages; the follower saw %ld and %ld\n",
          n_everything, expected, n_all_messages, n_followed, n_messages);
  CHECK_MSG(n_everything == expected, "%ld events stored, %ld changes acknowledged", n_everything,
            expected);
  CHECK_MSG(n_followed == n_everything, "the follower saw %ld of %ld events", n_followed,
            n_everything);
  for (i = 0; i < n_followed && i < n_everything; ++i) {
    if (followed[i].seq != everything[i].seq) {
      CHECK_MSG(0, "event %ld: the follower saw seq %lld where %lld is", i, followed[i].seq,
                everything[i].seq);
      break;
    }
    if (i > 0 && followed[i].seq <= followed[i - 1].seq) {
      CHECK_MSG(0, "event %ld: seq %lld after %lld", i, followed[i].seq, followed[i - 1].seq);
      break;
    }
  }
  CHECK_MSG(n_all_messages > 0, "no messages were written");
  CHECK_MSG(n_messages == n_all_messages, "the follower saw %ld of %ld messages", n_messages,
            n_all_messages);
  for (i = 0; i < n_messages && i < n_all_messages; ++i) {
    if (followed_messages[i] != all_messages[i] ||
        (i > 0 && followed_messages[i] <= followed_messages[i - 1])) {
      CHECK_MSG(0, "message %ld: the follower saw seq %lld where %lld is", i, followed_messages[i],
                all_messages[i]);
      break;
    }
  }

  /* Every case's history intact: opened first, one version, history entry and event per change. */
  for (p = 0; p < PROCS; ++p) {
    for (c = 0; c < results[p].opened; ++c) {
      const char *id = results[p].ids[c];
      long long version = abi_case_version(e, id);
      long events = 0, first = -1, entries = -1;
      char *out = NULL;
      for (i = 0; i < n_followed; ++i) {
        if (strcmp(followed[i].case_id, id) != 0) continue;
        if (first < 0) first = i;
        ++events;
      }
      if (reclaim_case_get(e, id, &out) == RECLAIM_OK) entries = json_array_len(out, "history");
      reclaim_free(out);
      CHECK_MSG(version == 1 + results[p].changes[c], "case %s: version %lld after %d changes", id,
                version, results[p].changes[c]);
      CHECK_MSG(entries == version, "case %s: %ld history entries at version %lld", id, entries,
                version);
      CHECK_MSG(events == version, "case %s: %ld events at version %lld", id, events, version);
      CHECK_MSG(first >= 0 && strcmp(followed[first].type, "case.opened") == 0,
                "case %s: its first event is %s", id, first >= 0 ? followed[first].type : "none");
    }
  }

  /* Case numbers unique: two processes number in each shop (numbers carry no shop). */
  for (i = 0; i < SHOPS; ++i) {
    static char numbers[2 * MAX_CASES][32];
    int n = 0, k;
    for (p = (int)i; p < PROCS; p += SHOPS) {
      for (c = 0; c < results[p].opened; ++c) strcpy(numbers[n++], results[p].numbers[c]);
    }
    qsort(numbers, (size_t)n, sizeof numbers[0], cmp_str);
    for (k = 1; k < n; ++k) {
      CHECK_MSG(strcmp(numbers[k - 1], numbers[k]) != 0, "shop s%ld: number %s twice", i,
                numbers[k]);
    }
  }
  reclaim_close(e);
  remove_dir(dir);
  return TEST_SUMMARY();
}
