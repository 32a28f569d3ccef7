/*
 * demo_history.c — a quarter of a demo shop's complaints and returns, for trying reports.
 *
 * Opens an engine with a manual clock on a SQLite file and plays September to November 2026 of a
 * small Polish shop through the C ABI: 900 orders of eight products from five suppliers, and
 * the complaints and returns that follow (reviewed, accepted or rejected, refunded, rated,
 * sometimes reopened; the last weeks' still open), and the shop's claims against its suppliers
 * for the defects it refunded (most answered, some rejected, some still waiting). The same seed
 * gives the same history.
 * Then report on it:
 *
 *   ./demo_history demo.db
 *   reclaimctl --db demo.db report --from 2026-09-01 --to 2026-11-30 --group-by sku
 *   reclaimctl --db demo.db report --from 2026-09-01 --to 2026-11-30 --group-by supplier
 *   reclaimctl --db demo.db report --from 2026-09-01 --to 2026-11-30 --group-by week \
 *       --format html --locale pl --output report.html
 *
 * Exit status 0 on success; 1 with the error document on stderr when a call fails; 2 for a bad
 * argument or a database that already holds the demo.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include <reclaim/reclaim.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "example_json.h"

#define HOUR 3600000LL
#define DAY (24 * HOUR)

/* 2026-09-01T06:00:00Z, 08:00 in Warsaw. */
static const long long kStart = 1788242400000LL;

struct product {
  const char *sku, *name, *price, *category, *supplier;
  int claims_per_mille; /* how often a unit sold comes back */
};

static const struct product kProducts[] = {
    {"KET-1", "Czajnik 1,7 l", "199.99", "kitchen", "Elektro Sp. z o.o.", 140},
    {"TOS-2", "Toster", "149.00", "kitchen", "Elektro Sp. z o.o.", 60},
    {"BLND-5", "Blender", "259.00", "kitchen", "Elektro Sp. z o.o.", 90},
    {"PAN-3", "Patelnia 28 cm", "129.00", "kitchen", "Stal-Pol", 30},
    {"MUG-4", "Kubek", "25.00", "tableware", "Ceramika Bolesławiec", 50},
    {"LAMP-7", "Lampka biurkowa", "89.90", "lighting", "Lumen", 70},
    {"TOWEL-2", "Ręcznik", "39.00", "textiles", "Tekstil", 20},
    {"CHAIR-9", "Krzesło", "349.00", "furniture", "Meble Nord", 110},
};
#define PRODUCTS ((int)(sizeof kProducts / sizeof kProducts[0]))

static const char *const kComplaintReasons[] = {"defect", "defect", "defect", "transport_damage",
                                                "missing_parts", "not_as_described"};
static const char *const kReturnReasons[] = {"changed_mind", "size_or_fit", "wrong_item",
                                             "better_price"};

/* A small deterministic generator: the demo is the same on every machine. */
static unsigned long long seed = 20260901ULL;
static int roll(int n) {
  seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  return (int)((seed >> 33) % (unsigned long long)n);
}

static reclaim_engine *engine;

/* RFC 3339 in UTC, as the order document wants its dates. */
static void rfc3339(long long unix_ms, char *buf, size_t size) {
  const time_t seconds = (time_t)(unix_ms / 1000);
  struct tm utc;
  gmtime_r(&seconds, &utc);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

static int failed(const char *what, int status, char *doc) {
  fprintf(stderr, "demo_history: %s: %s\n%s\n", what, reclaim_status_name(status),
          doc ? doc : "(no document)");
  reclaim_free(doc);
  return 1;
}

static int at(long long when) {
  int rc = reclaim_clock_set(engine, when);
  return rc == RECLAIM_OK ? 0 : failed("reclaim_clock_set", rc, NULL);
}

/* One action by `actor` at `when`; fields are extra members of the request. */
static int act(const char *case_id, long long when, const char *action, const char *actor,
               const char *fields) {
  char request[512];
  char *out = NULL;
  int rc;
  if (at(when)) return 1;
  snprintf(request, sizeof request, "{\"action\":\"%s\",\"actor\":%s%s%s}", action, actor,
           fields[0] ? "," : "", fields);
  rc = reclaim_case_act(engine, case_id, request, &out);
  if (rc != RECLAIM_OK) return failed(action, rc, out);
  reclaim_free(out);
  return 0;
}

/* The shop claims a refunded defect's cost from `supplier` a day after the refund. Claims take
 * their turn from a counter, not the generator, so the cases' history stays the same: two in
 * four are accepted, one rejected, one left unanswered (late by the end of the quarter). */
static int claim_from_supplier(const char *case_id, long long t, const char *supplier) {
  static int claims = 0;
  const char *shop = "{\"role\":\"agent\",\"id\":\"ewa\"}";
  const int turn = claims++;
  const long long answered = t + DAY * (6 + turn % 17);
  char fields[160];
  snprintf(fields, sizeof fields, "\"supplier\":\"%s\",\"reference\":\"RK/%03d\"", supplier,
           turn + 1);
  if (act(case_id, t + DAY, "claim_supplier", shop, fields)) return 1;
  if (turn % 4 == 3 || answered > kStart + 91 * DAY) return 0;
  return act(case_id, answered, "supplier_answer", shop,
             turn % 4 == 2 ? "\"answer\":\"rejected\",\"reason\":\"Uszkodzenie mechaniczne\""
                           : "\"answer\":\"accepted\"");
}

/* What happens to one case after it is opened at `t`; `recent` cases may still be open. A
 * refunded defect is claimed from `supplier` (NULL: none). */
static int handle(const char *case_id, long long t, int is_return, int recent,
                  const char *supplier) {
  static const char *const agents[] = {"{\"role\":\"agent\",\"id\":\"anna\"}",
                                       "{\"role\":\"agent\",\"id\":\"piotr\"}",
                                       "{\"role\":\"supervisor\",\"id\":\"ewa\"}"};
  const char *agent = agents[roll(3)];
  const char *customer = "{\"role\":\"customer\"}";
  const char *host = "{\"role\":\"host\"}";
  char score[32];
  int accepted;
  if (recent && roll(2)) return 0; /* still waiting for the shop */
  t += HOUR * (1 + roll(20));
  if (act(case_id, t, "review", agent, "")) return 1;
  if (is_return) {
    t += HOUR * (1 + roll(8));
    if (act(case_id, t, "authorize_return", agent, "") ||
        act(case_id, t + DAY * (2 + roll(4)), "receive_goods", host, "\"condition\":\"opened\"")) {
      return 1;
    }
    t += DAY * 6;
  }
  t += HOUR * (2 + roll(40));
  accepted = is_return || roll(10) < 7;
  if (accepted ? act(case_id, t, "accept", agent, "\"resolution\":{\"type\":\"refund\"}")
               : act(case_id, t, "reject", agent, "\"reason\":\"wear and tear, not a defect\"")) {
    return 1;
  }
  if (accepted) {
    t += HOUR * (4 + roll(36));
    if (act(case_id, t, "fulfil", host, "\"reference\":\"refund\"")) return 1;
    if (supplier && claim_from_supplier(case_id, t, supplier)) return 1;
  }
  if (roll(10) < 7) { /* most customers rate; a rejection rarely pleases */
    snprintf(score, sizeof score, "\"score\":%d", accepted ? 3 + roll(3) : 1 + roll(3));
    if (act(case_id, t + HOUR * (1 + roll(48)), "rate", customer, score)) return 1;
  } else if (!accepted && roll(3) == 0) {
    if (act(case_id, t + DAY, "reopen", customer, "\"reason\":\"Proszę o ponowne rozpatrzenie\"") ||
        act(case_id, t + 2 * DAY, "accept", agent, "\"resolution\":{\"type\":\"refund\"}")) {
      return 1;
    }
  }
  return 0;
}

/* Order n with one or two lines; claims on some of its units. */
static int order_and_claims(int n, long long placed) {
  char order[1200], request[800], id[32], email[64], case_id[64], placed_at[32];
  int first = roll(PRODUCTS), second = roll(3) == 0 ? roll(PRODUCTS) : -1, line, rc;
  char *out = NULL;
  if (second == first) second = -1;
  rfc3339(placed, placed_at, sizeof placed_at);
  snprintf(id, sizeof id, "%d", 5000 + n);
  snprintf(email, sizeof email, "klient%d@example.pl", n % 700);
  snprintf(order, sizeof order,
           "{\"id\":\"%s\",\"number\":\"#%s\",\"currency\":\"PLN\","
           "\"placed_at\":\"%s\",\"customer\":{\"email\":\"%s\"},\"lines\":["
           "{\"id\":\"1\",\"sku\":\"%s\",\"name\":\"%s\",\"qty\":%d,\"unit_price\":\"%s\","
           "\"category\":\"%s\",\"supplier\":\"%s\"}",
           id, id, placed_at, email, kProducts[first].sku, kProducts[first].name, 1 + roll(2),
           kProducts[first].price, kProducts[first].category, kProducts[first].supplier);
  if (second >= 0) {
    snprintf(order + strlen(order), sizeof order - strlen(order),
             ",{\"id\":\"2\",\"sku\":\"%s\",\"name\":\"%s\",\"qty\":1,\"unit_price\":\"%s\","
             "\"category\":\"%s\",\"supplier\":\"%s\"}",
             kProducts[second].sku, kProducts[second].name, kProducts[second].price,
             kProducts[second].category, kProducts[second].supplier);
  }
  strcat(order, "]}");
  if (at(placed)) return 1;
  rc = reclaim_order_import(engine, NULL, "reclaim", order, &out);
  if (rc != RECLAIM_OK) return failed("reclaim_order_import", rc, out);
  reclaim_free(out);
  for (line = 1; line <= (second >= 0 ? 2 : 1); ++line) {
    const struct product *p = &kProducts[line == 1 ? first : second];
    const int is_return = roll(4) == 0;
    const char *reason;
    const long long opened = placed + DAY * (2 + roll(9)) + HOUR * roll(12);
    if (roll(1000) >= p->claims_per_mille * (is_return ? 2 : 1)) continue;
    if (opened > kStart + 91 * DAY) continue; /* after the demo's last day */
    snprintf(request, sizeof request,
             "{\"kind\":\"%s\",\"channel\":\"%s\",\"actor\":{\"role\":\"customer\"},"
             "\"order_id\":\"%s\",\"customer\":{\"email\":\"%s\"},"
             "\"items\":[{\"line\":\"%d\",\"qty\":1,\"reason\":\"%s\"}],"
             "\"description\":\"Zgłoszenie z wersji demonstracyjnej\","
             "\"preferred_resolution\":\"refund\"}",
             is_return ? "return" : "complaint", roll(4) ? "web" : "email", id, email, line,
             reason = is_return ? kReturnReasons[roll(4)] : kComplaintReasons[roll(6)]);
    if (at(opened)) return 1;
    rc = reclaim_case_open(engine, request, &out);
    if (rc != RECLAIM_OK) return failed("reclaim_case_open", rc, out);
    example_string(out, "id", case_id, sizeof case_id);
    reclaim_free(out);
    out = NULL;
    if (handle(case_id, opened, is_return, opened > kStart + 80 * DAY,
               strcmp(reason, "defect") == 0 ? p->supplier : NULL)) {
      return 1;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  char config[1400];
  char *out = NULL;
  int n, rc;
  if (argc != 2 || strlen(argv[1]) > 1000 || strpbrk(argv[1], "\"\\") != NULL) {
    fprintf(stderr, "usage: demo_history DATABASE.db\n");
    return 2;
  }
  snprintf(config, sizeof config,
           "{\"database\":\"sqlite:%s\",\"clock\":\"manual\",\"shops\":[{\"id\":\"default\","
           "\"name\":\"Sklep Demo\",\"jurisdiction\":\"PL\",\"timezone\":\"Europe/Warsaw\","
           "\"currency\":\"PLN\",\"locale\":\"pl\",\"case_prefix\":\"RC\"}]}",
           argv[1]);
  rc = reclaim_open(config, &engine, &out);
  if (rc != RECLAIM_OK) return failed("reclaim_open", rc, out);
  reclaim_free(out);
  out = NULL;
  rc = reclaim_order_get(engine, NULL, "5000", &out);
  reclaim_free(out);
  if (rc == RECLAIM_OK) {
    fprintf(stderr, "demo_history: %s already holds the demo\n", argv[1]);
    reclaim_close(engine);
    return 2;
  }
  for (n = 0; n < 900; ++n) {
    /* Ten orders a day, between 08:00 and 20:00 in Warsaw. */
    if (order_and_claims(n, kStart + DAY * (n / 10) + HOUR * roll(12) + 60000LL * roll(60))) {
      reclaim_close(engine);
      return 1;
    }
  }
  reclaim_close(engine);
  printf("demo_history: a quarter of Sklep Demo is in %s\n", argv[1]);
  return 0;
}
