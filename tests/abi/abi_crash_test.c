/*
 * abi_crash_test.c — an acknowledged case survives kill -9.
 *
 * A child process opens cases and, after each RECLAIM_OK, writes the case id to a pipe (its
 * acknowledgement). The parent kills it with SIGKILL at a varying moment, ROUNDS times.
 * Afterwards every acknowledged case must be there with its opening event, and on SQLite the
 * integrity check must say "ok".
 *
 * The database is a new SQLite file, or the one RECLAIM_TEST_DATABASE names (a PostgreSQL
 * schema made for the run by tests/support/pg_cluster.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#define ROUNDS 50
#define ID_BYTES 32

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

/* The child: open cases until killed; acknowledge each one on the pipe. */
static void writer(const char *config, int out) {
  reclaim_engine *e = NULL;
  char ready[ID_BYTES];
  if (reclaim_open(config, &e, NULL) != RECLAIM_OK) _exit(3);
  memset(ready, 0, sizeof ready); /* an empty record: open, the intake starts now */
  if (write(out, ready, sizeof ready) != (ssize_t)sizeof ready) _exit(6);
  for (;;) {
    char *doc = NULL;
    char record[ID_BYTES];
    int status = reclaim_case_open(e, ABI_CASE_OPEN_STAFF, &doc);
    if (status != RECLAIM_OK) _exit(4);
    memset(record, 0, sizeof record);
    if (!json_str(doc, "id", record, sizeof record)) _exit(5);
    reclaim_free(doc);
    if (write(out, record, sizeof record) != (ssize_t)sizeof record) _exit(6);
  }
}

/* Appends an acknowledged case id; 0 when out of memory. */
static int remember(char (**ids)[ID_BYTES], size_t *count, size_t *capacity, const char *id) {
  if (*count == *capacity) {
    *capacity = *capacity ? *capacity * 2 : 1024;
    *ids = realloc(*ids, *capacity * sizeof **ids);
    if (!*ids) return 0;
  }
  memcpy((*ids)[(*count)++], id, ID_BYTES);
  return 1;
}

static int integrity_ok(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int ok = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return ok;
}

int main(void) {
  char dir[] = "/tmp/reclaim-crash-XXXXXX";
  char path[256], config[512];
  char (*acknowledged)[ID_BYTES] = NULL;
  size_t count = 0, capacity = 0, i;
  int round, unfinished = 0;
  reclaim_engine *e = NULL;

  const char *database = getenv("RECLAIM_TEST_DATABASE");

  if (!mkdtemp(dir)) return 1;
  sprintf(path, "%s/reclaim.db", dir);
  if (database && *database)
    snprintf(config, sizeof config, "{\"database\":\"%.400s\"}", database);
  else
    sprintf(config, "{\"database\":\"sqlite:%s\"}", path);

  for (round = 0; round < ROUNDS; ++round) {
    int fds[2];
    pid_t child;
    char record[ID_BYTES];
    if (pipe(fds) != 0) return 1;
    child = fork();
    if (child == 0) {
      close(fds[0]);
      writer(config, fds[1]);
    }
    close(fds[1]);
    /* Once the writer is open and has a first case, however loaded the machine, the kill lands
     * at a different moment of its intake each round. */
    if (read(fds[0], record, sizeof record) != (ssize_t)sizeof record || record[0] != '\0')
      ++unfinished;
    if (read(fds[0], record, sizeof record) != (ssize_t)sizeof record) ++unfinished;
    else if (!remember(&acknowledged, &count, &capacity, record)) return 1;
    sleep_ms(15 + (round * 37) % 90);
    kill(child, SIGKILL);
    {
      int status = 0;
      waitpid(child, &status, 0);
      if (!WIFSIGNALED(status)) ++unfinished; /* the writer stopped by itself: a failure */
    }
    while (read(fds[0], record, sizeof record) == (ssize_t)sizeof record) {
      if (!remember(&acknowledged, &count, &capacity, record)) return 1;
    }
    close(fds[0]);
  }
  CHECK_MSG(unfinished == 0, "%d writer(s) stopped before the kill", unfinished);
  CHECK_MSG(count >= ROUNDS, "only %lu cases were acknowledged", (unsigned long)count);
  if (!(database && *database)) CHECK(integrity_ok(path));

  CHECK_STATUS(reclaim_open(config, &e, NULL), RECLAIM_OK);
  if (e) {
    long missing = 0, without_event = 0;
    for (i = 0; i < count; ++i) {
      char *doc = NULL;
      if (reclaim_case_get(e, acknowledged[i], &doc) != RECLAIM_OK) ++missing;
      else if (abi_count_events(e, acknowledged[i]) < 1) ++without_event;
      reclaim_free(doc);
    }
    CHECK_MSG(missing == 0, "%ld of %lu acknowledged cases are missing", missing,
              (unsigned long)count);
    CHECK_MSG(without_event == 0, "%ld acknowledged cases have no event", without_event);
    reclaim_close(e);
  }
  printf("%lu acknowledged cases over %d kills\n", (unsigned long)count, ROUNDS);
  free(acknowledged);
  remove_dir(dir);
  printf("%d passed, %d failed\n", abi_passed, abi_failed);
  return abi_failed != 0;
}
