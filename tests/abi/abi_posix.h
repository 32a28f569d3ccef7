/* Helpers of the ABI tests that need POSIX (the includer defines _POSIX_C_SOURCE). */
#ifndef RECLAIM_ABI_POSIX_H
#define RECLAIM_ABI_POSIX_H

#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* qsort comparator for arrays of fixed-size strings (case numbers). */
ABI_FN int cmp_str(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}

/* Removes a test database directory made with mkdtemp. */
ABI_FN void remove_dir(const char *dir) {
  static const char *const files[] = {"reclaim.db", "reclaim.db-wal", "reclaim.db-shm",
                                      "reclaim.db-journal"};
  char path[512];
  size_t i;
  for (i = 0; i < sizeof files / sizeof *files; ++i) {
    sprintf(path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

/* Writes all n bytes to a pipe; -1 when it closes first. */
ABI_FN int write_all(int fd, const void *buf, size_t n) {
  const char *p = (const char *)buf;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Reads exactly n bytes from a pipe; -1 when it closes first. */
ABI_FN int read_all(int fd, void *buf, size_t n) {
  char *p = (char *)buf;
  while (n > 0) {
    ssize_t got = read(fd, p, n);
    if (got <= 0) return -1;
    p += got;
    n -= (size_t)got;
  }
  return 0;
}

/* Processes that start together. abi_fork_workers forks `count` children (at most 16), each
 * waiting for abi_start_workers; then child p runs work(p, arg, slot) on its own copy of slot p
 * of `results` (`size` bytes each) and sends the slot back, which the parent takes into its own
 * slot p with abi_take_result (or abi_finish_worker, which also waits for the child). */
struct abi_workers {
  int go[2];
  int count;
  pid_t pid[16];
  int fd[16]; /* where child p's result comes; -1 once taken */
};

typedef void (*abi_work)(int who, const void *arg, void *result);

/* 0 when every child is forked; -1 when a pipe or a fork failed. */
ABI_FN int abi_fork_workers(struct abi_workers *w, int count, void *results, size_t size,
                            abi_work work, const void *arg) {
  int p;
  if (count > 16 || pipe(w->go) != 0) return -1;
  w->count = count;
  fflush(stdout);
  fflush(stderr);
  for (p = 0; p < count; ++p) {
    int out[2];
    char byte;
    if (pipe(out) != 0) return -1;
    w->pid[p] = fork();
    if (w->pid[p] < 0) return -1;
    if (w->pid[p] == 0) {
      void *slot = (char *)results + (size_t)p * size;
      close(w->go[1]);
      close(out[0]);
      if (read_all(w->go[0], &byte, 1) != 0) _exit(3);
      work(p, arg, slot);
      _exit(write_all(out[1], slot, size) == 0 ? 0 : 4);
    }
    close(out[1]);
    w->fd[p] = out[0];
  }
  close(w->go[0]);
  return 0;
}

/* Lets every child start at once. */
ABI_FN void abi_start_workers(struct abi_workers *w) {
  int p;
  for (p = 0; p < w->count; ++p) write_all(w->go[1], "x", 1);
  close(w->go[1]);
}

/* Whether child p's result can be taken without waiting. */
ABI_FN int abi_result_ready(const struct abi_workers *w, int p) {
  struct timeval none = {0, 0};
  fd_set ready;
  if (w->fd[p] < 0) return 0;
  FD_ZERO(&ready);
  FD_SET(w->fd[p], &ready);
  return select(w->fd[p] + 1, &ready, NULL, NULL, &none) > 0;
}

/* Takes child p's result into slot p of `results` (waiting for it), unless taken already.
 * 0 when it came whole (or earlier), -1 when the child ended without it. */
ABI_FN int abi_take_result(struct abi_workers *w, int p, void *results, size_t size) {
  int got;
  if (w->fd[p] < 0) return 0;
  got = read_all(w->fd[p], (char *)results + (size_t)p * size, size);
  close(w->fd[p]);
  w->fd[p] = -1;
  return got;
}

/* Takes child p's result and waits for it to end: 1 when both went well. */
ABI_FN int abi_finish_worker(struct abi_workers *w, int p, void *results, size_t size) {
  int status = 0;
  const int taken = abi_take_result(w, p, results, size) == 0;
  waitpid(w->pid[p], &status, 0);
  return taken && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

#endif /* RECLAIM_ABI_POSIX_H */
