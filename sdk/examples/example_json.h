/*
 * example_json.h — two tiny helpers the examples use to pick a value out of a result document.
 *
 * They read the top level of an object the library wrote and are not a JSON parser; a real host
 * uses its own JSON library (json-c, cJSON, Jansson, …) on the documents instead.
 */
#ifndef RECLAIM_EXAMPLE_JSON_H
#define RECLAIM_EXAMPLE_JSON_H

#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define EXAMPLE_FN static __attribute__((unused))
#else
#define EXAMPLE_FN static
#endif

/* Returns a pointer to the value of the top-level member `key` of `doc`, or NULL. */
EXAMPLE_FN const char *example_member(const char *doc, const char *key) {
  size_t klen = strlen(key);
  int depth = 0;
  const char *p;
  for (p = doc; *p; ++p) {
    if (*p == '"') {
      const char *start = p + 1;
      const char *q = start;
      while (*q && *q != '"') q += (*q == '\\' && q[1]) ? 2 : 1;
      if (!*q) return NULL;
      if (depth == 1 && (size_t)(q - start) == klen && strncmp(start, key, klen) == 0 &&
          q[1] == ':')
        return q + 2;
      p = q;
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if (*p == '}' || *p == ']') {
      --depth;
    }
  }
  return NULL;
}

/* Copies the string member `key` into buf (without escapes); 0 when absent or too long. */
EXAMPLE_FN int example_string(const char *doc, const char *key, char *buf, size_t size) {
  const char *v = example_member(doc, key);
  const char *e;
  if (v == NULL || *v != '"') return 0;
  for (e = v + 1; *e && *e != '"'; e += (*e == '\\' && e[1]) ? 2 : 1) {
  }
  if ((size_t)(e - v - 1) >= size) return 0;
  memcpy(buf, v + 1, (size_t)(e - v - 1));
  buf[e - v - 1] = 0;
  return 1;
}

/* The integer member `key`, or `fallback` when absent. */
EXAMPLE_FN long long example_integer(const char *doc, const char *key, long long fallback) {
  const char *v = example_member(doc, key);
  return v != NULL && (*v == '-' || (*v >= '0' && *v <= '9')) ? atoll(v) : fallback;
}

#endif
