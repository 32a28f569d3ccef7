/*
 * abi_test.h — a tiny test harness for Reclaim's C ABI tests (plain C99).
 *
 * CHECK(cond)                  counts a pass or prints file:line and counts a failure
 * CHECK_STATUS(got, want)      compares status codes, printing both names
 * CHECK_CONTAINS(doc, needle)  strstr check (doc may be NULL: a failure)
 * CHECK_ERROR_DOC(doc, status) the document is valid JSON {"error":{"code":<name>,"message":…}}
 * TEST_SUMMARY()               prints "N passed, M failed" and yields the exit code
 *
 * Plus a few minimal JSON helpers: a validator, a top-level key finder, integer and string
 * extraction, array length. They are deliberately small; they are not a JSON library.
 *
 * Every function is static: each test program is a single translation unit.
 */
#ifndef RECLAIM_ABI_TEST_H
#define RECLAIM_ABI_TEST_H

#include <reclaim/reclaim.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define ABI_FN static __attribute__((unused))
#else
#define ABI_FN static
#endif

static int abi_passed = 0;
static int abi_failed = 0;

ABI_FN void abi_fail(const char *file, int line, const char *what) {
  ++abi_failed;
  fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  fflush(stderr);
}

#define CHECK(cond)                                                                           \
  do {                                                                                        \
    if (cond) {                                                                               \
      ++abi_passed;                                                                           \
    } else {                                                                                  \
      abi_fail(__FILE__, __LINE__, #cond);                                                    \
    }                                                                                         \
  } while (0)

#define CHECK_MSG(cond, ...)                                                                  \
  do {                                                                                        \
    if (cond) {                                                                               \
      ++abi_passed;                                                                           \
    } else {                                                                                  \
      abi_fail(__FILE__, __LINE__, #cond);                                                    \
      fprintf(stderr, "    ");                                                                \
      fprintf(stderr, __VA_ARGS__);                                                           \
      fprintf(stderr, "\n");                                                                  \
    }                                                                                         \
  } while (0)

/* Compares a status with the expected one; `doc` (may be NULL) is printed on mismatch. */
ABI_FN int abi_check_status(const char *file, int line, const char *expr, int got, int want,
                            const char *doc) {
  if (got == want) {
    ++abi_passed;
    return 1;
  }
  ++abi_failed;
  fprintf(stderr, "%s:%d: FAILED: %s returned %d (%s), expected %d (%s)\n", file, line, expr,
          got, reclaim_status_name(got), want, reclaim_status_name(want));
  if (doc != NULL) {
    size_t n = strlen(doc);
    fprintf(stderr, "    document: %.*s%s\n", (int)(n > 600 ? 600 : n), doc,
            n > 600 ? "..." : "");
  }
  fflush(stderr);
  return 0;
}

#define CHECK_STATUS(got, want) abi_check_status(__FILE__, __LINE__, #got, (got), (want), NULL)
#define CHECK_STATUS_DOC(got, want, doc)                                                      \
  abi_check_status(__FILE__, __LINE__, #got, (got), (want), (doc))

ABI_FN void abi_check_contains(const char *file, int line, const char *doc,
                               const char *needle) {
  if (doc != NULL && strstr(doc, needle) != NULL) {
    ++abi_passed;
    return;
  }
  ++abi_failed;
  fprintf(stderr, "%s:%d: FAILED: document does not contain %s\n", file, line, needle);
  if (doc == NULL) {
    fprintf(stderr, "    document: (null)\n");
  } else {
    size_t n = strlen(doc);
    fprintf(stderr, "    document: %.*s%s\n", (int)(n > 600 ? 600 : n), doc,
            n > 600 ? "..." : "");
  }
  fflush(stderr);
}

#define CHECK_CONTAINS(doc, needle) abi_check_contains(__FILE__, __LINE__, (doc), (needle))

#define TEST_SUMMARY()                                                                        \
  (printf("%d passed, %d failed\n", abi_passed, abi_failed), fflush(stdout),                  \
   abi_failed == 0 ? 0 : 1)

/* ---------------------------------------------------------------------------------------- */
/* Minimal JSON                                                                              */
/* ---------------------------------------------------------------------------------------- */

ABI_FN const char *json_ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}

ABI_FN int json_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Skips one JSON string starting at the opening quote; returns the position after the closing
 * quote or NULL when malformed. Checks escapes and control characters, not UTF-8. */
ABI_FN const char *json_skip_string(const char *p) {
  if (*p != '"') return NULL;
  ++p;
  for (;;) {
    unsigned char c = (unsigned char)*p;
    if (c == 0 || c < 0x20) return NULL;
    if (c == '"') return p + 1;
    if (c == '\\') {
      ++p;
      switch (*p) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          ++p;
          break;
        case 'u':
          if (!json_hex(p[1]) || !json_hex(p[2]) || !json_hex(p[3]) || !json_hex(p[4]))
            return NULL;
          p += 5;
          break;
        default:
          return NULL;
      }
    } else {
      ++p;
    }
  }
}

ABI_FN const char *json_skip_number(const char *p) {
  const char *start;
  if (*p == '-') ++p;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (*p >= '0' && *p <= '9') ++p;
  } else {
    return NULL;
  }
  if (*p == '.') {
    ++p;
    start = p;
    while (*p >= '0' && *p <= '9') ++p;
    if (p == start) return NULL;
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    start = p;
    while (*p >= '0' && *p <= '9') ++p;
    if (p == start) return NULL;
  }
  return p;
}

/* Skips one JSON value (after leading whitespace); NULL when malformed or nested too deep. */
ABI_FN const char *json_skip_value_d(const char *p, int depth) {
  p = json_ws(p);
  if (depth > 200) return NULL;
  switch (*p) {
    case '"':
      return json_skip_string(p);
    case '{':
      p = json_ws(p + 1);
      if (*p == '}') return p + 1;
      for (;;) {
        p = json_skip_string(json_ws(p));
        if (p == NULL) return NULL;
        p = json_ws(p);
        if (*p != ':') return NULL;
        p = json_skip_value_d(p + 1, depth + 1);
        if (p == NULL) return NULL;
        p = json_ws(p);
        if (*p == ',') {
          ++p;
          continue;
        }
        if (*p == '}') return p + 1;
        return NULL;
      }
    case '[':
      p = json_ws(p + 1);
      if (*p == ']') return p + 1;
      for (;;) {
        p = json_skip_value_d(p, depth + 1);
        if (p == NULL) return NULL;
        p = json_ws(p);
        if (*p == ',') {
          ++p;
          continue;
        }
        if (*p == ']') return p + 1;
        return NULL;
      }
    case 't':
      return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
      return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
      return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default:
      return json_skip_number(p);
  }
}

ABI_FN const char *json_skip_value(const char *p) { return json_skip_value_d(p, 0); }

/* 1 when `doc` is exactly one JSON value (surrounding whitespace allowed) and valid UTF-8. */
ABI_FN int json_valid(const char *doc) {
  const unsigned char *u;
  const char *end;
  if (doc == NULL) return 0;
  for (u = (const unsigned char *)doc; *u != 0;) {
    int n;
    unsigned int cp;
    if (*u < 0x80) {
      ++u;
      continue;
    } else if ((*u & 0xE0) == 0xC0) {
      n = 1;
      cp = *u & 0x1Fu;
    } else if ((*u & 0xF0) == 0xE0) {
      n = 2;
      cp = *u & 0x0Fu;
    } else if ((*u & 0xF8) == 0xF0) {
      n = 3;
      cp = *u & 0x07u;
    } else {
      return 0;
    }
    {
      int i;
      for (i = 1; i <= n; ++i) {
        if ((u[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (u[i] & 0x3Fu);
      }
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return 0;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    u += n + 1;
  }
  end = json_skip_value(doc);
  if (end == NULL) return 0;
  return *json_ws(end) == 0;
}

/* Finds `key` among the members of the object at `obj` (not nested deeper); returns a pointer
 * to its value or NULL. */
ABI_FN const char *json_find(const char *obj, const char *key) {
  const char *p;
  size_t klen = strlen(key);
  if (obj == NULL) return NULL;
  p = json_ws(obj);
  if (*p != '{') return NULL;
  p = json_ws(p + 1);
  if (*p == '}') return NULL;
  for (;;) {
    const char *ks = json_ws(p);
    const char *ke = json_skip_string(ks);
    const char *v;
    if (ke == NULL) return NULL;
    p = json_ws(ke);
    if (*p != ':') return NULL;
    v = json_ws(p + 1);
    if ((size_t)(ke - ks) == klen + 2 && strncmp(ks + 1, key, klen) == 0) return v;
    p = json_skip_value(v);
    if (p == NULL) return NULL;
    p = json_ws(p);
    if (*p != ',') return NULL;
    ++p;
  }
}

/* Follows a dotted path of object keys ("error.code"). */
ABI_FN const char *json_path(const char *obj, const char *path) {
  char key[128];
  while (obj != NULL && *path != 0) {
    size_t n = strcspn(path, ".");
    if (n >= sizeof key) return NULL;
    memcpy(key, path, n);
    key[n] = 0;
    obj = json_find(obj, key);
    path += n;
    if (*path == '.') ++path;
  }
  return obj;
}

/* Reads an integer at `path`; returns 1 on success. */
ABI_FN int json_int(const char *obj, const char *path, long long *out) {
  const char *v = json_path(obj, path);
  char *end;
  long long x;
  if (v == NULL || !((*v >= '0' && *v <= '9') || *v == '-')) return 0;
  x = strtoll(v, &end, 10);
  if (end == v || *end == '.' || *end == 'e' || *end == 'E') return 0;
  *out = x;
  return 1;
}

/* Copies the string at `path` (escapes other than \" and \\ are copied as they are) into buf;
 * returns 1 on success. */
ABI_FN int json_str(const char *obj, const char *path, char *buf, size_t size) {
  const char *v = json_path(obj, path);
  const char *end;
  size_t n = 0;
  if (v == NULL || *v != '"' || size == 0) return 0;
  end = json_skip_string(v);
  if (end == NULL) return 0;
  for (++v; v < end - 1; ++v) {
    if (*v == '\\' && (v[1] == '"' || v[1] == '\\')) ++v;
    if (n + 1 >= size) return 0;
    buf[n++] = *v;
  }
  buf[n] = 0;
  return 1;
}

/* 1 when the string at `path` equals `want`. */
ABI_FN int json_str_eq(const char *obj, const char *path, const char *want) {
  char buf[512];
  return json_str(obj, path, buf, sizeof buf) && strcmp(buf, want) == 0;
}

/* Number of elements of the array at `path` ("" for `obj` itself); -1 when not an array. */
ABI_FN long json_array_len(const char *obj, const char *path) {
  const char *p = *path ? json_path(obj, path) : json_ws(obj);
  long n = 0;
  if (p == NULL || *p != '[') return -1;
  p = json_ws(p + 1);
  if (*p == ']') return 0;
  for (;;) {
    p = json_skip_value(p);
    if (p == NULL) return -1;
    ++n;
    p = json_ws(p);
    if (*p == ',') {
      ++p;
      continue;
    }
    return *p == ']' ? n : -1;
  }
}

/* Pointer to the i-th element (0-based) of the array at `path`, or NULL. */
ABI_FN const char *json_array_at(const char *obj, const char *path, long i) {
  const char *p = *path ? json_path(obj, path) : json_ws(obj);
  if (p == NULL || *p != '[') return NULL;
  p = json_ws(p + 1);
  if (*p == ']') return NULL;
  for (;;) {
    if (i == 0) return p;
    p = json_skip_value(p);
    if (p == NULL) return NULL;
    --i;
    p = json_ws(p);
    if (*p != ',') return NULL;
    p = json_ws(p + 1);
  }
}

/* A worker's failed calls: how many, and the first one described (call, status, answer). */
struct abi_failures {
  int count;
  char first[300];
};

ABI_FN void abi_note_failure(struct abi_failures *f, const char *what, int rc, const char *doc) {
  if (f->count++ == 0) {
    snprintf(f->first, sizeof f->first, "%s: %s %.200s", what, reclaim_status_name(rc),
             doc ? doc : "(null)");
  }
}

/* Checks an error document: valid JSON, {"error":{"code":reclaim_status_name(status),
 * "message":"..."}}. Returns 1 when fine. */
ABI_FN int abi_check_error_doc(const char *file, int line, const char *doc, int status) {
  const char *why = NULL;
  char code[64];
  if (doc == NULL) {
    why = "no error document";
  } else if (!json_valid(doc)) {
    why = "error document is not valid JSON";
  } else if (strstr(doc, "\"error\"") == NULL || strstr(doc, "\"code\"") == NULL ||
             strstr(doc, "\"message\"") == NULL) {
    why = "error document lacks \"error\", \"code\" or \"message\"";
  } else if (json_find(doc, "error") == NULL || *json_find(doc, "error") != '{') {
    why = "\"error\" is not a top-level object";
  } else if (!json_str(doc, "error.code", code, sizeof code)) {
    why = "error.code is not a string";
  } else if (strcmp(code, reclaim_status_name(status)) != 0) {
    why = "error.code differs from reclaim_status_name(status)";
  } else if (json_path(doc, "error.message") == NULL || *json_path(doc, "error.message") != '"') {
    why = "error.message is not a string";
  }
  if (why == NULL) {
    ++abi_passed;
    return 1;
  }
  ++abi_failed;
  fprintf(stderr, "%s:%d: FAILED: %s (status %s)\n", file, line, why,
          reclaim_status_name(status));
  if (doc != NULL) {
    size_t n = strlen(doc);
    fprintf(stderr, "    document: %.*s%s\n", (int)(n > 600 ? 600 : n), doc,
            n > 600 ? "..." : "");
  }
  fflush(stderr);
  return 0;
}

#define CHECK_ERROR_DOC(doc, status) abi_check_error_doc(__FILE__, __LINE__, (doc), (status))

/* ---------------------------------------------------------------------------------------- */
/* Shared fixtures                                                                           */
/* ---------------------------------------------------------------------------------------- */

#define ABI_ORDER_1001                                                                        \
  "{\"id\":\"1001\",\"number\":\"#1001\",\"currency\":\"PLN\","                               \
  "\"placed_at\":\"2026-11-02T10:00:00Z\",\"delivered_at\":\"2026-11-05T12:00:00Z\","         \
  "\"customer\":{\"email\":\"jan@example.pl\",\"name\":\"Jan Kowalski\",\"locale\":\"pl\"},"  \
  "\"lines\":[{\"id\":\"1\",\"sku\":\"KET-1\",\"name\":\"Czajnik\",\"qty\":2,"                \
  "\"unit_price\":\"199.99\"}]}"

#define ABI_CASE_OPEN_CUSTOMER                                                                \
  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},"           \
  "\"order_id\":\"1001\",\"customer\":{\"email\":\"jan@example.pl\"},"                        \
  "\"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}],"                             \
  "\"preferred_resolution\":\"refund\"}"

#define ABI_CASE_OPEN_STAFF                                                                   \
  "{\"shop\":\"default\",\"kind\":\"complaint\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},"\
  "\"items\":[{\"sku\":\"X\",\"name\":\"Thing\",\"qty\":1,\"unit_price\":\"10.00\","          \
  "\"currency\":\"PLN\",\"reason\":\"defect\"}]}"

#define ABI_COMMENT                                                                           \
  "{\"action\":\"comment\",\"actor\":{\"role\":\"agent\",\"id\":\"a1\"},\"message\":\"note\"}"

/* 2026-11-10T09:00:00Z */
#define ABI_T0_MS ((int64_t)1794301200000LL)

/* Opens an in-memory engine with a manual clock set to ABI_T0_MS; NULL on failure (counted). */
ABI_FN reclaim_engine *abi_open_memory(void) {
  reclaim_engine *e = NULL;
  char *out = NULL;
  int rc = reclaim_open("{\"database\":\"sqlite::memory:\",\"clock\":\"manual\"}", &e, &out);
  CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
  reclaim_free(out);
  if (rc != RECLAIM_OK) return NULL;
  CHECK(e != NULL);
  CHECK_STATUS(reclaim_clock_set(e, ABI_T0_MS), RECLAIM_OK);
  return e;
}

/* Reads every event (paging with "next") and returns how many there are; -1 on failure. */
ABI_FN long abi_count_events(reclaim_engine *e, const char *case_id) {
  long total = 0;
  long long after = 0;
  for (;;) {
    char q[256];
    char *out = NULL;
    long n;
    long long next = 0;
    int rc;
    if (case_id != NULL)
      sprintf(q, "{\"after\":%lld,\"limit\":1000,\"case_id\":\"%.100s\"}", after, case_id);
    else
      sprintf(q, "{\"after\":%lld,\"limit\":1000}", after);
    rc = reclaim_events_read(e, q, &out);
    if (rc != RECLAIM_OK) {
      CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
      reclaim_free(out);
      return -1;
    }
    n = json_array_len(out, "events");
    if (n < 0 || !json_int(out, "next", &next)) {
      CHECK_MSG(0, "bad events document: %.300s", out);
      reclaim_free(out);
      return -1;
    }
    reclaim_free(out);
    total += n;
    if (n == 0) return total;
    after = next;
  }
}

/* The version of a case, or -1. */
ABI_FN long long abi_case_version(reclaim_engine *e, const char *ref) {
  char *out = NULL;
  long long v = -1;
  int rc = reclaim_case_get(e, ref, &out);
  if (rc != RECLAIM_OK || !json_int(out, "version", &v)) {
    CHECK_STATUS_DOC(rc, RECLAIM_OK, out);
    v = -1;
  }
  reclaim_free(out);
  return v;
}

#endif /* RECLAIM_ABI_TEST_H */
