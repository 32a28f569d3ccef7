/*
 * abi_restart_test.c — the database server restarts in the middle of a load.
 *
 * WRITERS processes open cases in a loop and record each call's status (with the case id when
 * it is RECLAIM_OK) in a file of their own. While they run, the parent runs RECLAIM_TEST_RESTART
 * (tests/support/pg_cluster.sh: an immediate stop, as a crash, and a start), lets them go on,
 * then stops them. Every call must end in RECLAIM_OK, RECLAIM_STORAGE or RECLAIM_BUSY; calls
 * after the server is back work again; every acknowledged case is there with its opening event.
 *
 * Needs RECLAIM_TEST_DATABASE and RECLAIM_TEST_RESTART (run through pg_cluster.sh own).
 */
#define _POSIX_C_SOURCE 200809L
#include "abi_test.h"
#include "abi_posix.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#define WRITERS 3
#define ID_BYTES 48

struct record {
  int status;
  char id[ID_BYTES];
};

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

static int stopped(int fd) {
  struct pollfd p;
  p.fd = fd;
  p.events = POLLIN;
  p.revents = 0;
  return poll(&p, 1, 0) > 0;
}

static void writer(const char *config, int stop, const char *log) {
  reclaim_engine *e = NULL;
  int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || reclaim_open(config, &e, NULL) != RECLAIM_OK) _exit(3);
  while (!stopped(stop)) {
    char *doc = NULL;
    struct record r;
    memset(&r, 0, sizeof r);
    r.status = reclaim_case_open(e, ABI_CASE_OPEN_STAFF, &doc);
    if (r.status == RECLAIM_OK && !json_str(doc, "id", r.id, sizeof r.id)) _exit(4);
    reclaim_free(doc);
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r) _exit(5);
  }
  reclaim_close(e);
  close(fd);
  _exit(0);
}

int main(void) {
  const char *database = getenv("RECLAIM_TEST_DATABASE");
  const char *restart = getenv("RECLAIM_TEST_RESTART");
  char dir[] = "/tmp/reclaim-abi-restart-XXXXXX";
  char config[600], logs[WRITERS][300];
  int stop[2], w;
  pid_t children[WRITERS];
  long acknowledged = 0, failed = 0, odd = 0, missing = 0, without_event = 0, recovered = 0;
  reclaim_engine *e = NULL;

  if (!database || !restart) {
    fprintf(stderr, "run through tests/support/pg_cluster.sh own (RECLAIM_TEST_DATABASE and "
                    "RECLAIM_TEST_RESTART)\n");
    return 2;
  }
  if (!mkdtemp(dir) || pipe(stop) != 0) return 2;
  /* The restarted server must not inherit the pipe: the writers wait for its last writer end. */
  fcntl(stop[1], F_SETFD, FD_CLOEXEC);
  snprintf(config, sizeof config, "{\"database\":\"%.400s\"}", database);
  CHECK_STATUS(reclaim_open(config, &e, NULL), RECLAIM_OK); /* migrated before the load */
  reclaim_close(e);
  e = NULL;

  fflush(stdout);
  fflush(stderr);
  for (w = 0; w < WRITERS; ++w) {
    sprintf(logs[w], "%s/writer-%d", dir, w);
    children[w] = fork();
    if (children[w] == 0) {
      close(stop[1]);
      writer(config, stop[0], logs[w]);
    }
  }
  close(stop[0]);
  sleep_ms(1500);
  CHECK_MSG(system(restart) == 0, "the restart command failed: %s", restart);
  sleep_ms(2500);
  close(stop[1]); /* the writers see the pipe close and finish */
  for (w = 0; w < WRITERS; ++w) {
    int status = 0;
    waitpid(children[w], &status, 0);
    CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d exit status %d", w,
              status);
  }

  CHECK_STATUS(reclaim_open(config, &e, NULL), RECLAIM_OK);
  for (w = 0; w < WRITERS && e; ++w) {
    FILE *f = fopen(logs[w], "rb");
    struct record r;
    long ok_after_failure = 0, failures_here = 0;
    if (!f) {
      CHECK_MSG(0, "no log from writer %d", w);
      continue;
    }
    while (fread(&r, sizeof r, 1, f) == 1) {
      if (r.status == RECLAIM_OK) {
        char *doc = NULL;
        ++acknowledged;
        if (failures_here) ++ok_after_failure;
        if (reclaim_case_get(e, r.id, &doc) != RECLAIM_OK) ++missing;
        else if (abi_count_events(e, r.id) < 1) ++without_event;
        reclaim_free(doc);
      } else if (r.status == RECLAIM_STORAGE || r.status == RECLAIM_BUSY) {
        ++failed;
        ++failures_here;
      } else {
        ++odd;
      }
    }
    fclose(f);
    unlink(logs[w]);
    if (!failures_here || ok_after_failure) ++recovered;
  }
  printf("%ld cases acknowledged, %ld calls failed during the restart\n", acknowledged, failed);
  CHECK_MSG(odd == 0, "%ld calls ended with another status", odd);
  CHECK_MSG(acknowledged > 100, "only %ld cases acknowledged", acknowledged);
  CHECK_MSG(recovered == WRITERS, "%ld of %d writers worked again after the restart", recovered,
            WRITERS);
  CHECK_MSG(missing == 0, "%ld acknowledged cases are missing", missing);
  CHECK_MSG(without_event == 0, "%ld acknowledged cases have no event", without_event);
  CHECK_MSG(abi_count_events(e, NULL) >= acknowledged, "the outbox lost events");
  reclaim_close(e);
  rmdir(dir);
  return TEST_SUMMARY();
}
