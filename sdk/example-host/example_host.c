/*
 * example_host.c — a minimal host for Reclaim, in C99.
 *
 * It loads libreclaim.so at run time (dlopen), checks the library's ABI version, opens a file
 * database, imports a demo order, opens a complaint as the customer, walks it to the end
 * (review, authorize_return, receive_goods, accept with a refund, fulfil, close, rate) and
 * prints the case and its events.
 *
 *   reclaim-example-host [LIBRARY [DATABASE]]
 *
 * LIBRARY defaults to the libreclaim.so this program was built with, DATABASE to
 * ./reclaim-demo.db. Running it again on the same database imports a new order (its id is made
 * from the time and the process id) and opens a new case. Exit status 0 on success; on any
 * failed call the status name and the error document go to stderr and the exit status is 1.
 *
 * Only the public header is used, for the types and constants; every function is resolved with
 * dlsym, as a host that must survive a missing or older library would do.
 */
#define _POSIX_C_SOURCE 200809L

#include <reclaim/reclaim.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef RECLAIM_LIBRARY_PATH
#define RECLAIM_LIBRARY_PATH "libreclaim.so"
#endif

/* The functions this host uses. */
struct reclaim_api {
  const char *(*version)(void);
  int (*abi_version)(void);
  const char *(*status_name)(int);
  void (*free_json)(char *);
  int (*open)(const char *, reclaim_engine **, char **);
  void (*close)(reclaim_engine *);
  int (*order_import)(reclaim_engine *, const char *, const char *, const char *, char **);
  int (*case_open)(reclaim_engine *, const char *, char **);
  int (*case_get)(reclaim_engine *, const char *, char **);
  int (*case_act)(reclaim_engine *, const char *, const char *, char **);
  int (*events_read)(reclaim_engine *, const char *, char **);
};

static struct reclaim_api api;

/* Resolves one symbol into a function pointer (memcpy: ISO C has no object-to-function cast). */
static int resolve(void *lib, const char *name, void *fn_ptr, size_t size) {
  void *sym = dlsym(lib, name);
  if (sym == NULL) {
    fprintf(stderr, "example-host: %s not found in the library: %s\n", name, dlerror());
    return 0;
  }
  memcpy(fn_ptr, &sym, size);
  return 1;
}

#define RESOLVE(lib, field, name) resolve((lib), (name), &api.field, sizeof api.field)

static int load(const char *path, void **out_lib) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  int ok;
  if (lib == NULL) {
    fprintf(stderr, "example-host: cannot load %s: %s\n", path, dlerror());
    return 0;
  }
  ok = RESOLVE(lib, version, "reclaim_version") &&
       RESOLVE(lib, abi_version, "reclaim_abi_version") &&
       RESOLVE(lib, status_name, "reclaim_status_name") &&
       RESOLVE(lib, free_json, "reclaim_free") && RESOLVE(lib, open, "reclaim_open") &&
       RESOLVE(lib, close, "reclaim_close") &&
       RESOLVE(lib, order_import, "reclaim_order_import") &&
       RESOLVE(lib, case_open, "reclaim_case_open") &&
       RESOLVE(lib, case_get, "reclaim_case_get") &&
       RESOLVE(lib, case_act, "reclaim_case_act") &&
       RESOLVE(lib, events_read, "reclaim_events_read");
  if (!ok) {
    dlclose(lib);
    return 0;
  }
  *out_lib = lib;
  return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Output                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void indent(int depth) {
  int i;
  for (i = 0; i < depth; ++i) fputs("  ", stdout);
}

/* Prints a JSON document (assumed valid, as the library writes it) indented, one member or
 * element per line; empty objects and arrays stay on one line. */
static void print_json(const char *s) {
  int depth = 0;
  const char *p;
  for (p = s; *p; ++p) {
    char c = *p;
    if (c == '"') {
      const char *q = p + 1;
      while (*q && *q != '"') q += (*q == '\\' && q[1]) ? 2 : 1;
      fwrite(p, 1, (size_t)(q - p) + (*q ? 1 : 0), stdout);
      p = *q ? q : q - 1;
    } else if (c == '{' || c == '[') {
      const char *q = p + 1;
      while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') ++q;
      if (*q == (c == '{' ? '}' : ']')) {
        putchar(c);
        putchar(*q);
        p = q;
      } else {
        putchar(c);
        putchar('\n');
        indent(++depth);
      }
    } else if (c == '}' || c == ']') {
      putchar('\n');
      indent(--depth);
      putchar(c);
    } else if (c == ',') {
      putchar(',');
      putchar('\n');
      indent(depth);
    } else if (c == ':') {
      fputs(": ", stdout);
    } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      putchar(c);
    }
  }
  putchar('\n');
}

static void heading(const char *title) { printf("\n== %s ==\n", title); }

/* Reports a failed call and says whether the call succeeded. Frees nothing. */
static int ok_or_report(const char *what, int rc, const char *doc) {
  if (rc == RECLAIM_OK) return 1;
  fprintf(stderr, "example-host: %s failed: %s\n%s\n", what, api.status_name(rc),
          doc ? doc : "(no error document)");
  return 0;
}

/* Finds the string value of a top-level member of an object; copies it into buf. */
static int top_level_string(const char *doc, const char *key, char *buf, size_t size) {
  size_t klen = strlen(key);
  int depth = 0;
  const char *p;
  for (p = doc; *p; ++p) {
    if (*p == '"') {
      const char *start = p + 1;
      const char *q = start;
      while (*q && *q != '"') q += (*q == '\\' && q[1]) ? 2 : 1;
      if (!*q) return 0;
      if (depth == 1 && (size_t)(q - start) == klen && strncmp(start, key, klen) == 0) {
        const char *v = q + 1;
        const char *e;
        while (*v == ' ' || *v == ':') ++v;
        if (*v != '"') return 0;
        for (e = v + 1; *e && *e != '"'; e += (*e == '\\' && e[1]) ? 2 : 1) {
        }
        if ((size_t)(e - v - 1) >= size) return 0;
        memcpy(buf, v + 1, (size_t)(e - v - 1));
        buf[e - v - 1] = 0;
        return 1;
      }
      p = q;
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if (*p == '}' || *p == ']') {
      --depth;
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */

static int act(reclaim_engine *e, const char *case_id, const char *title, const char *action) {
  char *out = NULL;
  int rc = api.case_act(e, case_id, action, &out);
  char state[64] = "?";
  if (!ok_or_report(title, rc, out)) {
    api.free_json(out);
    return 0;
  }
  top_level_string(out, "state", state, sizeof state);
  printf("  %-18s -> %s\n", title, state);
  api.free_json(out);
  return 1;
}

static int run(reclaim_engine *e) {
  char order_id[64];
  char doc[2048];
  char case_id[128] = "";
  char number[128] = "";
  char *out = NULL;
  int rc;
  long long after = 0;
  static const char *const steps[][2] = {
      {"review", "{\"action\":\"review\",\"actor\":{\"role\":\"agent\",\"id\":\"agent-1\"}}"},
      {"authorize_return",
       "{\"action\":\"authorize_return\",\"actor\":{\"role\":\"agent\",\"id\":\"agent-1\"},"
       "\"instructions\":\"Please send the kettle to our warehouse.\"}"},
      {"receive_goods",
       "{\"action\":\"receive_goods\",\"actor\":{\"role\":\"agent\",\"id\":\"agent-1\"},"
       "\"condition\":\"damaged\"}"},
      {"accept",
       "{\"action\":\"accept\",\"actor\":{\"role\":\"supervisor\",\"id\":\"boss-1\"},"
       "\"resolution\":{\"type\":\"refund\"}}"},
      {"fulfil",
       "{\"action\":\"fulfil\",\"actor\":{\"role\":\"host\"},\"reference\":\"REFUND-1\"}"},
      {"close", "{\"action\":\"close\",\"actor\":{\"role\":\"agent\",\"id\":\"agent-1\"}}"},
      {"rate",
       "{\"action\":\"rate\",\"actor\":{\"role\":\"customer\"},\"score\":5,"
       "\"comment\":\"Quick and painless.\"}"},
  };
  size_t i;

  /* A fresh order each run, so the demo can be repeated on one database. */
  sprintf(order_id, "demo-%ld-%ld", (long)time(NULL), (long)getpid());
  sprintf(doc,
          "{\"id\":\"%s\",\"number\":\"#%s\",\"currency\":\"PLN\","
          "\"placed_at\":\"2026-11-02T10:00:00Z\",\"delivered_at\":\"2026-11-05T12:00:00Z\","
          "\"customer\":{\"email\":\"jan@example.pl\",\"name\":\"Jan Kowalski\",\"locale\":\"pl\"},"
          "\"lines\":[{\"id\":\"1\",\"sku\":\"KET-1\",\"name\":\"Czajnik\",\"qty\":2,"
          "\"unit_price\":\"199.99\"}]}",
          order_id, order_id);
  rc = api.order_import(e, NULL, "reclaim", doc, &out);
  if (!ok_or_report("reclaim_order_import", rc, out)) {
    api.free_json(out);
    return 0;
  }
  heading("Imported order");
  print_json(out);
  api.free_json(out);
  out = NULL;

  sprintf(doc,
          "{\"shop\":\"default\",\"kind\":\"complaint\",\"channel\":\"web\","
          "\"actor\":{\"role\":\"customer\"},\"order_id\":\"%s\","
          "\"customer\":{\"email\":\"jan@example.pl\"},"
          "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}],"
          "\"description\":\"The kettle stopped heating after a week.\","
          "\"preferred_resolution\":\"refund\"}",
          order_id);
  rc = api.case_open(e, doc, &out);
  if (!ok_or_report("reclaim_case_open", rc, out)) {
    api.free_json(out);
    return 0;
  }
  if (!top_level_string(out, "id", case_id, sizeof case_id)) {
    fprintf(stderr, "example-host: the opened case has no id:\n%s\n", out);
    api.free_json(out);
    return 0;
  }
  top_level_string(out, "number", number, sizeof number);
  api.free_json(out);
  out = NULL;

  heading("Actions");
  printf("  opened case %s (%s)\n", number, case_id);
  for (i = 0; i < sizeof steps / sizeof *steps; ++i)
    if (!act(e, case_id, steps[i][0], steps[i][1])) return 0;

  rc = api.case_get(e, case_id, &out);
  if (!ok_or_report("reclaim_case_get", rc, out)) {
    api.free_json(out);
    return 0;
  }
  heading("Case");
  print_json(out);
  api.free_json(out);

  heading("Events");
  for (;;) {
    char query[256];
    char next[32] = "";
    const char *n;
    out = NULL;
    sprintf(query, "{\"after\":%lld,\"limit\":100,\"case_id\":\"%s\"}", after, case_id);
    rc = api.events_read(e, query, &out);
    if (!ok_or_report("reclaim_events_read", rc, out)) {
      api.free_json(out);
      return 0;
    }
    /* The last read of a case with events is empty: no need to show it. */
    if (after == 0 || strstr(out, "\"events\":[]") == NULL) print_json(out);
    /* "next" is the cursor for the following read; stop when it no longer moves. */
    n = strstr(out, "\"next\":");
    if (n != NULL) sprintf(next, "%.20s", n + 7);
    api.free_json(out);
    if (n == NULL || atoll(next) <= after) break;
    after = atoll(next);
  }
  return 1;
}

int main(int argc, char **argv) {
  const char *library = argc > 1 && argv[1][0] ? argv[1] : RECLAIM_LIBRARY_PATH;
  const char *database = argc > 2 && argv[2][0] ? argv[2] : "./reclaim-demo.db";
  void *lib = NULL;
  reclaim_engine *e = NULL;
  char config[4200];
  char *out = NULL;
  int rc, ok;

  if (argc > 3 || (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))) {
    fprintf(stderr, "usage: %s [LIBRARY [DATABASE]]\n  LIBRARY defaults to %s\n"
                    "  DATABASE defaults to ./reclaim-demo.db\n",
            argv[0], RECLAIM_LIBRARY_PATH);
    return argc > 3 ? 2 : 0;
  }
  if (strlen(database) > 4000 || strchr(database, '"') || strchr(database, '\\')) {
    fprintf(stderr, "example-host: unsupported database path\n");
    return 2;
  }
  if (!load(library, &lib)) return 1;

  printf("Reclaim %s (ABI %d), host built for ABI %d\n", api.version(), api.abi_version(),
         RECLAIM_ABI_VERSION);
  if (api.abi_version() < RECLAIM_ABI_VERSION) {
    fprintf(stderr, "example-host: the library's ABI %d is older than this host's %d\n",
            api.abi_version(), RECLAIM_ABI_VERSION);
    dlclose(lib);
    return 1;
  }

  sprintf(config, "{\"database\":\"sqlite:%s\"}", database);
  rc = api.open(config, &e, &out);
  if (!ok_or_report("reclaim_open", rc, out)) {
    api.free_json(out);
    dlclose(lib);
    return 1;
  }
  heading("Engine");
  print_json(out);
  api.free_json(out);

  ok = run(e);
  api.close(e);
  dlclose(lib);
  return ok ? 0 : 1;
}
