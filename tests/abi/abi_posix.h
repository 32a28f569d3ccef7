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

#endif /* RECLAIM_ABI_POSIX_H */
