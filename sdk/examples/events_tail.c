/*
 * events_tail.c — deliver events at least once with a cursor kept in a file.
 *
 * Reads the events after the cursor stored in CURSOR_FILE, "delivers" each (prints it; a host
 * would send the e-mail here), and stores the new cursor only after the page was delivered:
 * a crash in between repeats events, never loses one.
 *
 *   cc events_tail.c $(pkg-config --cflags --libs reclaim) -o events_tail
 *   ./events_tail DATABASE CURSOR_FILE
 *
 * Prints one line per event and then "delivered N events, cursor at SEQ". Exit status 0, or 1
 * on a failed call, 2 on bad arguments.
 */
#include <reclaim/reclaim.h>
#include <stdio.h>
#include <string.h>

#include "example_json.h"

static long long load_cursor(const char *path) {
  long long seq = 0;
  FILE *f = fopen(path, "r");
  if (f == NULL) return 0; /* no file yet: from the beginning */
  if (fscanf(f, "%lld", &seq) != 1) seq = 0;
  fclose(f);
  return seq;
}

static int save_cursor(const char *path, long long seq) {
  FILE *f = fopen(path, "w");
  if (f == NULL) return 0;
  fprintf(f, "%lld\n", seq);
  return fclose(f) == 0;
}

/* Prints each event of a page: its seq, type and case number. */
static int deliver(const char *page) {
  int count = 0;
  const char *p = strstr(page, "\"events\":[");
  while (p != NULL && (p = strstr(p, "{\"seq\":")) != NULL) {
    char type[64] = "?", number[64] = "-";
    const char *end = strstr(p, "\"data\":");
    char event[512];
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n >= sizeof event - 2) n = sizeof event - 2;
    memcpy(event, p, n);
    event[n] = '}';
    event[n + 1] = 0;
    example_string(event, "type", type, sizeof type);
    example_string(event, "case_number", number, sizeof number);
    printf("%6lld  %-26s %s\n", example_integer(event, "seq", 0), type, number);
    ++count;
    p += 7;
  }
  return count;
}

int main(int argc, char **argv) {
  char config[1100], query[96];
  reclaim_engine *e = NULL;
  char *out = NULL;
  long long after;
  int rc, delivered = 0;

  if (argc != 3 || strlen(argv[1]) > 1000 || strpbrk(argv[1], "\"\\") != NULL) {
    fprintf(stderr, "usage: events_tail DATABASE CURSOR_FILE\n");
    return 2;
  }
  snprintf(config, sizeof config, "{\"database\":\"sqlite:%s\"}", argv[1]);
  rc = reclaim_open(config, &e, &out);
  if (rc != RECLAIM_OK) {
    fprintf(stderr, "events_tail: %s\n%s\n", reclaim_status_name(rc), out ? out : "");
    reclaim_free(out);
    return 1;
  }
  reclaim_free(out);

  after = load_cursor(argv[2]);
  for (;;) {
    long long next;
    out = NULL;
    snprintf(query, sizeof query, "{\"after\":%lld,\"limit\":100}", after);
    rc = reclaim_events_read(e, query, &out);
    if (rc != RECLAIM_OK) {
      fprintf(stderr, "events_tail: %s\n%s\n", reclaim_status_name(rc), out ? out : "");
      reclaim_free(out);
      reclaim_close(e);
      return 1;
    }
    delivered += deliver(out);
    next = example_integer(out, "next", after);
    reclaim_free(out);
    if (next <= after) break;
    /* Only now, with the page delivered, does the cursor move. */
    if (!save_cursor(argv[2], next)) {
      fprintf(stderr, "events_tail: cannot write %s\n", argv[2]);
      reclaim_close(e);
      return 1;
    }
    after = next;
  }
  printf("delivered %d events, cursor at %lld\n", delivered, after);
  reclaim_close(e);
  return 0;
}
