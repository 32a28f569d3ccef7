/*
 * abi_header_test.c — the public header on its own, as strict C99: it must compile with
 * -std=c99 -pedantic -Werror, define the stable status values and RECLAIM_ABI_VERSION, and
 * declare every function with the contract's signature (checked by assigning each function to a
 * pointer of the expected type, which fails to compile on any mismatch).
 */
#include <reclaim/reclaim.h>
#include <reclaim/reclaim.h> /* include guard */

#include <stdio.h>

/* Compile-time checks (C99 has no _Static_assert). */
#define STATIC_CHECK(name, cond) typedef char static_check_##name[(cond) ? 1 : -1]

STATIC_CHECK(ok, RECLAIM_OK == 0);
STATIC_CHECK(invalid_argument, RECLAIM_INVALID_ARGUMENT == 1);
STATIC_CHECK(not_found, RECLAIM_NOT_FOUND == 2);
STATIC_CHECK(conflict, RECLAIM_CONFLICT == 3);
STATIC_CHECK(not_allowed, RECLAIM_NOT_ALLOWED == 4);
STATIC_CHECK(storage, RECLAIM_STORAGE == 5);
STATIC_CHECK(busy, RECLAIM_BUSY == 6);
STATIC_CHECK(unsupported, RECLAIM_UNSUPPORTED == 7);
STATIC_CHECK(internal, RECLAIM_INTERNAL == 8);
STATIC_CHECK(abi_version, RECLAIM_ABI_VERSION >= 1);

#if !defined(RECLAIM_ABI_VERSION) || RECLAIM_ABI_VERSION != 1
#error "RECLAIM_ABI_VERSION must be the integer 1 for this ABI"
#endif

#ifdef __cplusplus
#error "this test must be compiled as C"
#endif

/* The signatures of the contract. */
static const char *(*const p_version)(void) = reclaim_version;
static int (*const p_abi_version)(void) = reclaim_abi_version;
static const char *(*const p_status_name)(int) = reclaim_status_name;
static void (*const p_free)(char *) = reclaim_free;
static int (*const p_open)(const char *, reclaim_engine **, char **) = reclaim_open;
static void (*const p_close)(reclaim_engine *) = reclaim_close;
static int (*const p_clock_set)(reclaim_engine *, int64_t) = reclaim_clock_set;
static int (*const p_tick)(reclaim_engine *, char **) = reclaim_tick;
static int (*const p_policy_set)(reclaim_engine *, const char *, const char *, char **) =
    reclaim_policy_set;
static int (*const p_policy_get)(reclaim_engine *, const char *, char **) = reclaim_policy_get;
static int (*const p_eligibility_check)(reclaim_engine *, const char *, char **) =
    reclaim_eligibility_check;
static int (*const p_order_import)(reclaim_engine *, const char *, const char *, const char *,
                                   char **) = reclaim_order_import;
static int (*const p_order_get)(reclaim_engine *, const char *, const char *, char **) =
    reclaim_order_get;
static int (*const p_case_open)(reclaim_engine *, const char *, char **) = reclaim_case_open;
static int (*const p_case_get)(reclaim_engine *, const char *, char **) = reclaim_case_get;
static int (*const p_case_list)(reclaim_engine *, const char *, char **) = reclaim_case_list;
static int (*const p_case_act)(reclaim_engine *, const char *, const char *, char **) =
    reclaim_case_act;
static int (*const p_events_read)(reclaim_engine *, const char *, char **) = reclaim_events_read;
static int (*const p_report)(reclaim_engine *, const char *, char **) = reclaim_report;
static int (*const p_host_payload)(reclaim_engine *, const char *, const char *, char **) =
    reclaim_host_payload;
static int (*const p_http_start)(reclaim_engine *, const char *, char **) = reclaim_http_start;
static int (*const p_http_stop)(reclaim_engine *) = reclaim_http_stop;
static int (*const p_http_handle)(reclaim_engine *, const char *, char **) = reclaim_http_handle;

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                           \
  do {                                                                                        \
    if (cond) {                                                                               \
      ++passed;                                                                               \
    } else {                                                                                  \
      ++failed;                                                                               \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);                      \
    }                                                                                         \
  } while (0)

int main(void) {
  /* The enumerators are ints usable in switch and arrays. */
  int codes[] = {RECLAIM_OK,          RECLAIM_INVALID_ARGUMENT, RECLAIM_NOT_FOUND,
                 RECLAIM_CONFLICT,    RECLAIM_NOT_ALLOWED,      RECLAIM_STORAGE,
                 RECLAIM_BUSY,        RECLAIM_UNSUPPORTED,      RECLAIM_INTERNAL};
  int i;
  reclaim_engine *none = NULL; /* an opaque type, usable through pointers only */

  for (i = 0; i < 9; ++i) CHECK(codes[i] == i);
  CHECK(sizeof(RECLAIM_OK) == sizeof(int));
  CHECK(RECLAIM_ABI_VERSION == 1);
  CHECK(none == NULL);

  CHECK(p_version != NULL && p_abi_version != NULL && p_status_name != NULL && p_free != NULL);
  CHECK(p_open != NULL && p_close != NULL && p_clock_set != NULL && p_tick != NULL);
  CHECK(p_policy_set != NULL && p_policy_get != NULL && p_eligibility_check != NULL);
  CHECK(p_order_import != NULL && p_order_get != NULL);
  CHECK(p_case_open != NULL && p_case_get != NULL && p_case_list != NULL && p_case_act != NULL);
  CHECK(p_events_read != NULL && p_report != NULL && p_host_payload != NULL);
  CHECK(p_http_start != NULL && p_http_stop != NULL && p_http_handle != NULL);

  /* The library this links with speaks the header's ABI. */
  CHECK(p_abi_version() >= RECLAIM_ABI_VERSION);

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
