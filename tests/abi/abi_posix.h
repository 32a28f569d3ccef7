/* Helpers of the ABI tests that need POSIX (the includer defines _POSIX_C_SOURCE). */
#ifndef RECLAIM_ABI_POSIX_H
#define RECLAIM_ABI_POSIX_H

#include <stdio.h>
#include <string.h>
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

#endif /* RECLAIM_ABI_POSIX_H */
