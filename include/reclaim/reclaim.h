/*
 * reclaim.h — the C ABI of Reclaim, a complaints and returns module for online shops.
 *
 * THE CONTRACT
 *
 * Handles.   `reclaim_engine` is opaque. `reclaim_open` creates one, `reclaim_close` destroys it
 *            (NULL is a harmless no-op). Several engines may live in one process; the library
 *            keeps no global mutable state besides what an engine owns.
 * Threads.   An engine may be used from many threads at once. `reclaim_close` must not race with
 *            other calls on the same engine.
 * Text.      Everything that goes in or out is UTF-8 JSON (RFC 8259). Input that is not valid
 *            UTF-8, not valid JSON, nested deeper than 32 levels or larger than the documented
 *            limit is refused with RECLAIM_INVALID_ARGUMENT.
 * Ownership. Every string the library hands out through `char **out_json` belongs to the caller
 *            and is released with `reclaim_free` (never with the host's `free`). Strings returned
 *            as `const char *` are static. The library never keeps a pointer passed in after the
 *            call returns.
 * Results.   Fallible functions return a status code (0 = RECLAIM_OK) and, when `out_json` is not
 *            NULL, set `*out_json` to the result document on success or to an error document on
 *            failure:
 *                {"error":{"code":"not_allowed","message":"…","field":"items[0].qty"}}
 *            `code` is the stable status name (see `reclaim_status_name`); `message` is English for
 *            developers; `field` (a JSON path into the input) is present when one field is at fault.
 *            `out_json` may be NULL when the caller does not want the document.
 * Errors.    Bad input never crashes the host and never changes stored data: on any status other
 *            than RECLAIM_OK nothing was written. No C++ exception crosses this ABI; the library
 *            never writes to stdout or stderr and never calls exit or abort.
 * Strictness. Request documents are checked strictly: an unknown field is RECLAIM_INVALID_ARGUMENT
 *            naming it (a misspelt "expected_version" must not silently skip a check). Orders and
 *            cases accept host data of any shape under "extra" (an object, at most 16 KB).
 * Data.      Money is {"amount":"199.99","currency":"PLN"}: a decimal string, never a float.
 *            Times are RFC 3339; the library writes UTC ("2026-11-22T10:15:00Z"). Ids are strings.
 *            Enumerations are lower-case snake_case strings.
 * Versions.  RECLAIM_ABI_VERSION is the ABI this header describes; `reclaim_abi_version()` is the
 *            library's. A host should refuse to run when the library's is lower than the header's.
 *            Within one ABI major version functions are only added, never changed or removed.
 */
#ifndef RECLAIM_RECLAIM_H
#define RECLAIM_RECLAIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RECLAIM_BUILDING_LIBRARY) && defined(__GNUC__)
#define RECLAIM_API __attribute__((visibility("default")))
#else
#define RECLAIM_API
#endif

/** The ABI version this header describes. */
#define RECLAIM_ABI_VERSION 1

/** Status codes. The values are stable and never reused. */
enum {
  RECLAIM_OK = 0,
  RECLAIM_INVALID_ARGUMENT = 1, /**< bad pointer, bad JSON, schema or value violation */
  RECLAIM_NOT_FOUND = 2,        /**< no such case, order, shop or event source */
  RECLAIM_CONFLICT = 3,         /**< stale expected_version; idempotency key reused with another body */
  RECLAIM_NOT_ALLOWED = 4,      /**< not allowed in this state, for this role, or by policy/limits */
  RECLAIM_STORAGE = 5,          /**< database unavailable or failed */
  RECLAIM_BUSY = 6,             /**< temporarily unavailable (database locked too long); retry */
  RECLAIM_UNSUPPORTED = 7,      /**< unknown adapter, backend or operation, or not in this build */
  RECLAIM_INTERNAL = 8          /**< a bug in Reclaim; the message says where */
};

/** Opaque engine handle: created by reclaim_open, destroyed by reclaim_close. */
typedef struct reclaim_engine reclaim_engine;

/* ------------------------------------------------------------------------------------------ */
/* Library                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The library's version, "MAJOR.MINOR.PATCH". Static; do not free. */
RECLAIM_API const char *reclaim_version(void);

/** The library's ABI version; compare with RECLAIM_ABI_VERSION. */
RECLAIM_API int reclaim_abi_version(void);

/** The stable name of a status code ("ok", "invalid_argument", …); "unknown" for other values.
 *  Static; do not free. */
RECLAIM_API const char *reclaim_status_name(int status);

/** Releases a string the library returned through an `out_json` parameter. NULL is fine. */
RECLAIM_API void reclaim_free(char *json);

/* ------------------------------------------------------------------------------------------ */
/* Engine                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Constructor. Opens (creating and migrating when needed) the database and returns an engine.
 *
 *  config_json (at most 1 MB):
 *    {"database": "sqlite:/var/lib/reclaim/reclaim.db",   required; or "sqlite::memory:"
 *     "secret":   "…",           optional; 32+ bytes as hex or base64 (signs status links).
 *                                Omitted with a file database: generated once, kept in it.
 *     "clock":    "system",      or "manual" (tests, simulations: see reclaim_clock_set)
 *     "log":      {"level": "info", "file": "/var/log/reclaim.log"},
 *                                optional; without "file" nothing is logged. Levels: trace,
 *                                debug, info, warn, error, off. Never stdout/stderr.
 *     "storage":  {"synchronous": "normal", "busy_timeout_ms": 5000, "pool": 4},
 *                                optional SQLite tuning; synchronous is "normal" or "full".
 *     "scheduler": {"enabled": false, "tick_seconds": 60},
 *                                optional; when enabled a background thread runs reclaim_tick
 *                                every tick_seconds until reclaim_close. Off by default: hosts
 *                                with their own cron or worker call reclaim_tick.
 *     "shops":    [{"id": "default", "name": "Demo Shop", "jurisdiction": "PL",
 *                   "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl",
 *                   "case_prefix": "RC", "public_url": "https://shop.example/returns"}]}
 *  A shop may also carry "order_mapping": the field mapping of the "generic" order adapter
 *  (JSON pointers into the host's order document; see reclaim_order_import), checked here.
 *  Without "shops" one shop "default" exists (UTC, EUR, "en", prefix "RC", jurisdiction "none").
 *  Several processes may open the same new database at once; migrations run once.
 *
 *  On success *out_engine is the new engine and *out_json (when asked for) is
 *  {"version": "…", "abi": 1, "database": "sqlite", "schema": N, "clock": "system",
 *   "shops": ["default"]}.
 *  Durability: with "synchronous":"normal" (the default) a committed change survives a crash of
 *  the process; "full" also survives a power cut, at the cost of an fsync per change.
 *  On failure *out_engine is NULL. Returns RECLAIM_OK, RECLAIM_INVALID_ARGUMENT,
 *  RECLAIM_UNSUPPORTED (another backend), RECLAIM_STORAGE or RECLAIM_BUSY. */
RECLAIM_API int reclaim_open(const char *config_json, reclaim_engine **out_engine,
                             char **out_json);

/** Destructor. Stops the HTTP endpoint, closes the database, frees the engine. NULL is fine. */
RECLAIM_API void reclaim_close(reclaim_engine *engine);

/** Sets the engine's clock to `unix_ms` (milliseconds since 1970-01-01T00:00:00Z). Only for an
 *  engine opened with "clock":"manual" (otherwise RECLAIM_NOT_ALLOWED); the time must be between
 *  1970 and 9999 (otherwise RECLAIM_INVALID_ARGUMENT). The clock may move backwards. */
RECLAIM_API int reclaim_clock_set(reclaim_engine *e, int64_t unix_ms);

/** Runs due work now, for every shop: for each case whose next alert has come, one
 *  "case.deadline_at_risk" event per warning offset of the policy (warn_before_hours) and one
 *  "case.deadline_breached" event when a deadline (first_response_due, decision_due,
 *  resolution_due) passes unmet, with data {"deadline", "due", "hours_before", "basis"}; and,
 *  where silence is acceptance (PL consumer complaints, u.p.k. art. 7a), deemed acceptance: the
 *  case becomes "accepted" with "deemed": true and the customer's preferred resolution, a
 *  history entry "deemed_acceptance" by the system citing the basis, and a case.state_changed
 *  event. Each alert is sent exactly once, also when several threads or processes tick the
 *  same database; running it late sends what came due meanwhile. Cheap when nothing is due
 *  (an indexed look-up). *out_json: {"at": "…", "cases": N, "events": N}. */
RECLAIM_API int reclaim_tick(reclaim_engine *e, char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Policies and eligibility                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** Sets a shop's written policy (at most 1 MB). shop: NULL means "default".
 *
 *  policy_json: every member optional; omitted ones take the jurisdiction preset's values:
 *    {"jurisdiction": "PL",           PL, EU, RU or none; default: the shop's configuration
 *     "applies_from": "2027-01-01",   a date in the shop's zone; default: today. Cases use the
 *                                     policy in force on the day they are opened.
 *     "party": "consumer",            consumer, sole_trader, business: the shop's customers
 *                                     unless an order's customer.type says otherwise
 *     "return_window_days": 30, "return_window_from": "delivered_at",   or "placed_at"
 *     "withdrawal_information_given": true,   false extends the statutory window (PL/EU +12
 *                                     months; RU 3 months instead of 7 days)
 *     "guarantee_months": 24,         how long complaints are accepted after delivery
 *     "non_returnable": {"categories": [], "skus": [], "tags": []},   the shop's voluntary
 *                                     returns only: never the statutory withdrawal period
 *     "statutory_exceptions": {"perishable": {"categories": ["food"]}, …},   goods the law
 *                                     excludes from withdrawal: custom_made, perishable,
 *                                     sealed_hygiene, sealed_media, mixed_inseparably,
 *                                     digital_content, newspapers, price_fluctuation,
 *                                     services_performed
 *     "evidence": {"transport_damage": ["photo"]},   per reason: photo, video, receipt,
 *                                     document, serial
 *     "resolutions": {"complaint": […], "return": […]}, "resolutions_by_reason": {"defect": […]},
 *     "decision_limits": {"agent": {"PLN": "500.00"}, "supervisor": {…}},   the most a role may
 *                                     grant in one accept, per currency (refunds at their amount,
 *                                     replacements at the goods' value)
 *     "restocking_fee_percent": "0",  charged on voluntary returns only
 *     "return_shipping_paid_by": "customer",   or "shop"
 *     "sla": {"first_response_hours": 24, "decision_days": 14, "resolution_days": 30},
 *     "replacement_quality_check": false,   RU ст. 21: 20 days for a replacement instead of 7
 *     "warn_before_hours": [72, 24],  deadline warnings sent by reclaim_tick
 *     "appeal_days": 14,              how long a customer may reopen a decided case
 *     "holidays": {"extra": ["2026-12-31"], "working": []}}   days off and working days on
 *                                     top of the country's computed public holidays
 *  Unknown members are refused. A policy stricter than the law in force on applies_from is
 *  RECLAIM_NOT_ALLOWED with "field" and "rule": return_window_shorter_than_law,
 *  window_must_count_from_delivery, guarantee_shorter_than_law, decision_later_than_law,
 *  statutory_remedy_missing. Business customers get no statutory minimums.
 *  *out_json: {"shop": "…", "policy": {the whole policy as stored}}. */
RECLAIM_API int reclaim_policy_set(reclaim_engine *e, const char *shop, const char *policy_json,
                                   char **out_json);

/** Reads a shop's policy in force now. shop: NULL means "default".
 *  *out_json: {"shop", "policy": {…every member…}, "preset": true when none was set,
 *  "scheduled": [policies set to apply from a later date]}. */
RECLAIM_API int reclaim_policy_get(reclaim_engine *e, const char *shop, char **out_json);

/** Checks what an order's items allow now, under the law in force and the shop's policy.
 *
 *  request_json: {"shop": "default", "order_id": "1001", "kind": "return" | "complaint",
 *    "locale": "pl" | "en" | "ru" (default: the shop's),
 *    "items": [{"line": "1", "qty": 1, "reason": "changed_mind", "evidence": ["photo"]}]}
 *  *out_json: {"eligible": all items eligible, "locale": "…", "items": [{"line", "eligible",
 *    "code", "message", "window_ends", "window_from": "delivered_at" | "placed_at" (no delivery
 *    date known), "evidence_required": [still missing], "resolutions": [on offer], "basis",
 *    "restocking_fee_percent" (only when one is charged), "return_shipping_paid_by" (eligible
 *    returns: "customer" or "shop")}]}.
 *  Codes (stable): statutory_withdrawal, shop_return_policy, statutory_guarantee,
 *  shop_guarantee (eligible); window_expired, guarantee_expired, non_returnable,
 *  statutory_exception, quantity_exceeded, line_not_found (not eligible). reclaim_case_open runs
 *  the same check: a customer cannot open what it refuses (RECLAIM_NOT_ALLOWED, "rule" = the
 *  code, the message in the customer's language); staff and hosts can, and the opening history
 *  entry records "eligibility_override". Unknown order: RECLAIM_NOT_FOUND. */
RECLAIM_API int reclaim_eligibility_check(reclaim_engine *e, const char *request_json,
                                          char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Orders                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Imports (inserts or replaces, keyed by the host's order id) an order.
 *
 *  shop: NULL means "default". adapter: "reclaim" for Reclaim's own document (at most 4 MB):
 *    {"id": "1001", "number": "#1001", "currency": "PLN",
 *     "placed_at": "2026-11-02T10:00:00Z", "paid_at": …, "shipped_at": …, "delivered_at": …,
 *     "customer": {"email": "jan@example.pl", "name": "Jan Kowalski", "locale": "pl",
 *                  "type": "consumer"},
 *     "lines": [{"id": "1", "sku": "KET-1", "name": "Czajnik", "qty": 2, "unit_price": "199.99",
 *                "tax_rate": "23", "category": "kitchen", "tags": ["sale"],
 *                "supplier": "Elektro Sp. z o.o.", "refunded_qty": 0}],
 *     "shipping": {"amount": "15.00", "method": "courier"}, "extra": {…}}
 *  Required: id, currency, lines (1–1000, unique ids, qty ≥ 1), each line's name and unit_price
 *  (per unit, tax included). Ids may be given as strings or integers and are kept as strings.
 *  A re-import may not drop a line, or lower its quantity below what open cases claim
 *  (RECLAIM_CONFLICT).
 *
 *  Host adapters take the host's own order document exactly as its REST API returns it
 *  (docs/ADAPTERS.md): "woocommerce" (wc/v3 order), "shopify" (Admin REST order, bare or as
 *  {"order": …}), "magento2" (GET /V1/orders/{id}), "prestashop" (webservice order), "shopware6"
 *  (Admin API order, bare or as {"data": …}), and "generic" (driven by the shop's
 *  "order_mapping" in the engine configuration). host_order_json is a JSON document; for
 *  "prestashop" it may instead be the webservice's XML, recognised by its first non-space
 *  character '<' (XML for any other adapter is RECLAIM_INVALID_ARGUMENT).
 *  Money becomes exact decimals: strings as written, floats by their shortest exact text,
 *  binary artefacts (20826.300000000003) snapped to the currency's minor units; a value with
 *  more than 6 decimals or 12 integer digits, a missing required field, a wrong type, or a
 *  bad quantity is RECLAIM_INVALID_ARGUMENT with "field" naming the host's field
 *  ("line_items[2].price"), and nothing is stored. A line's unit_price is its total with tax
 *  divided by its quantity: exact at 6 decimals when it divides (WooCommerce's 3.225 is kept),
 *  else rounded up at the 6th decimal; refund payloads use the host's line totals instead, so
 *  they stay exact. Quantities the host already refunded become refunded_qty.
 *  An unknown adapter, or "generic" without a mapping: RECLAIM_UNSUPPORTED.
 *  Result: {"order": {…the stored order…}, "created": true|false, "adapter": "…"}. */
RECLAIM_API int reclaim_order_import(reclaim_engine *e, const char *shop, const char *adapter,
                                     const char *host_order_json, char **out_json);

/** Reads an imported order as Reclaim's document. shop: NULL means "default".
 *  RECLAIM_NOT_FOUND when the shop has no such order. */
RECLAIM_API int reclaim_order_get(reclaim_engine *e, const char *shop, const char *order_id,
                                  char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Cases                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** Opens a case; it is acknowledged at once in state "received". request_json (at most 1 MB):
 *    {"shop": "default", "kind": "complaint" | "return", "channel": "web",
 *     "actor": {"role": "customer" | "agent" | "supervisor" | "host", "id": "…"},
 *     "order_id": "727",
 *     "customer": {"email": "…", "name": "…", "locale": "pl", "phone": "…"},
 *     "items": [{"line": "315", "qty": 1, "reason": "defect", "serial": "SN123"}],
 *     "description": "…", "preferred_resolution": "replacement",
 *     "idempotency_key": "…", "extra": {…}}
 *  A customer always names an order and the order's e-mail (RECLAIM_NOT_ALLOWED otherwise);
 *  staff and hosts may open a case without an order, naming the goods instead:
 *    {"sku": "…", "name": "…", "qty": 1, "unit_price": "99.00", "currency": "PLN",
 *     "reason": "defect"}.
 *  Reasons: defect, transport_damage, not_as_described, wrong_item, missing_parts,
 *  late_delivery, changed_mind, no_longer_needed, better_price, size_or_fit, other.
 *  Channels: web, email, phone, chat, social, marketplace, store, api.
 *  A quantity may not exceed what was bought, less what was refunded and what other cases
 *  (not cancelled) already claim: RECLAIM_NOT_ALLOWED with "rule":"quantity_exceeded".
 *  Customers may only open what reclaim_eligibility_check allows (see there).
 *  The case's deadlines come from the law in force and the shop's policy on the day it opens
 *  (see reclaim_case_get).
 *  The same idempotency_key with the same body returns the case again (RECLAIM_OK, nothing new
 *  written); with another body RECLAIM_CONFLICT.
 *  Result: the case, as reclaim_case_get returns it. */
RECLAIM_API int reclaim_case_open(reclaim_engine *e, const char *request_json, char **out_json);

/** Reads a case by its id ("c_…") or number ("RC-2026-000042"; numbers are unique per shop, so
 *  with several shops the number reaches the first shop in configuration order that has it;
 *  prefer the id). Result:
 *    {"id", "number", "shop", "kind", "state", "channel", "version", "created_at", "updated_at",
 *     "order_id", "customer", "items": [{"item": 1, "line", "sku", "name", "qty", "unit_price",
 *     "reason", "serial", "decision", "received"}], "description", "preferred_resolution",
 *     "assignee", "priority", "tags", "escalated", "deadlines", "resolution", "rating",
 *     "history": [{"at", "actor", "action", "from", "to", "data", "customer_visible"}],
 *     "status_token", "extra"}
 *  "deadlines": {"first_response_due", "decision_due", "resolution_due" (RFC 3339, UTC),
 *    "basis": the rule decision_due comes from ("PL u.p.k. art. 7a: …", "RU ЗоЗПП ст. 22: …",
 *    or "shop target: …"), "statutory": true when decision_due is the law's limit,
 *    "deemed_on_expiry": true when silence until then accepts the case,
 *    "penalty_percent_per_day", "penalty_capped" (RU), and "penalty": {"amount": {…}, "days",
 *    "percent_per_day", "basis"} once a Russian demand is late (computed at the time of the
 *    call)}. Days are counted as the civil codes count them: the day of the event is not
 *    counted, a period ends at 23:59:59 of its last day in the shop's time zone, and a last day
 *    that is a Saturday (PL), Sunday or public holiday moves to the next working day. */
RECLAIM_API int reclaim_case_get(reclaim_engine *e, const char *case_ref, char **out_json);

/** Lists cases. query_json (NULL or "{}" for everything, newest first):
 *    {"shop", "state": "received" | ["received", …], "kind", "assignee", "customer_email",
 *     "order_id", "created_from", "created_to" (RFC 3339; from inclusive, to exclusive),
 *     "overdue": true, "sort": "created_at" | "-created_at" | "updated_at" | "-updated_at" |
 *     "decision_due" | "-decision_due", "limit": 1–500 (50), "cursor": "…"}
 *  Result: {"cases": [summary…], "next_cursor": "…" | null}. A cursor is only valid with the
 *  same filters and sort. Summaries carry no history. */
RECLAIM_API int reclaim_case_list(reclaim_engine *e, const char *query_json, char **out_json);

/** Acts on a case. action_json:
 *    {"action": "…", "actor": {"role": "…", "id": "…"}, "expected_version": 3,
 *     "idempotency_key": "…", …the action's own fields}
 *  Actions (fields): review; request_info (message); reply (message); authorize_return
 *  (instructions); receive_goods (items: [{line|item, qty, condition}] or condition for all);
 *  accept (resolution: {type, amount, currency} for every item, or items: [{line|item, qty,
 *  resolution}] with reason for the rest); reject (reason); fulfil (reference); close;
 *  reopen (reason); cancel (reason); rate (score 1–5, comment); assign (assignee, null to clear);
 *  escalate (reason, to); comment (message, customer_visible); set_priority (priority: low,
 *  normal, high, urgent); tag (add: […], remove: […]).
 *  Roles: customer, agent, supervisor, host, system; who may do what in which state is the table
 *  of CONTRACT.md. RECLAIM_NOT_ALLOWED names the state or the roles that may act, or, for an
 *  accept above the role's decision limit in the shop's policy, who may take the decision
 *  ("rule": "decision_limit_exceeded"); a customer's reopen after the policy's appeal_days is
 *  "appeal_window_expired". RECLAIM_CONFLICT when expected_version is stale. Result: the case
 *  after the action. */
RECLAIM_API int reclaim_case_act(reclaim_engine *e, const char *case_ref, const char *action_json,
                                 char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Events (the outbox)                                                                         */
/* ------------------------------------------------------------------------------------------ */

/** Reads events in commit order after a cursor. query_json (NULL means {}):
 *    {"after": SEQ (0), "limit": 1–1000 (100), "shop": "…", "case_id": "…"}
 *  Result: {"events": [{"seq", "type", "case_id", "case_number", "shop", "at",
 *  "customer_visible", "data"}], "next": SEQ}. Keep "next" and pass it as "after" next time. */
RECLAIM_API int reclaim_events_read(reclaim_engine *e, const char *query_json, char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Reports, host payloads, HTTP                                                                */
/* ------------------------------------------------------------------------------------------ */

/** KPIs and root causes for cases opened in a period (definitions: docs/REPORTS.md).
 *
 *  query_json (NULL means {}; every field optional):
 *    {"shop": "default", "from": "2026-11-01", "to": "2026-11-30", "kind": "complaint",
 *     "group_by": "sku", "format": "json", "locale": "pl", "limit": 5, "min_units_sold": 10}
 *  from/to: dates on the shop's wall clock, both included; to defaults to today, from to the
 *  first day of to's month; at most 10 years. shop omitted: every configured shop together,
 *  dates and targets of the first one ("shop": null in the result). group_by: none, reason,
 *  sku, supplier, category, channel, kind, resolution, assignee, day, week, month. limit: the
 *  first N groups. min_units_sold: sku/supplier/category groups with fewer units sold rank after
 *  the others ("low_volume": true), so one return of a rare item does not top the list.
 *  Errors: RECLAIM_INVALID_ARGUMENT naming the field (unknown word, bad date, to before from,
 *  range too long), RECLAIM_NOT_FOUND for an unknown shop (field "shop").
 *
 *  format "json": {"shop", "from", "to", "timezone", "kind", "group_by", "min_units_sold",
 *  "groups": [{"key", "opened", "decided", "resolved", "open", "overdue", "accepted",
 *  "rejected", "acceptance_rate", "handling_hours": {"mean","median","p90"},
 *  "resolution_hours": {…}, "first_response_hours": {…}, "deadline_compliance", "breaches",
 *  "csat": {"ratings","mean","satisfied_share","response_rate"}, "repeat_rate",
 *  "reopen_rate", "refunded": [{"amount","currency"}], "units_sold", "units_claimed",
 *  "claim_rate", "low_volume", "top_reasons": [{"reason","cases"}]}], "totals": {same as a
 *  group, key "all"}, "targets": {"handling_hours"|"satisfaction"|"repeat_rate":
 *  {"target","value","met"}}}. Rates are fractions 0–1 (4 decimals), hours decimal (2
 *  decimals), money exact decimal strings per currency; null where there is nothing to measure.
 *  format "csv": {"format": "csv", "content_type": "text/csv; charset=utf-8", "body": "…"},
 *  one row per group (RFC 4180). format "html": RECLAIM_UNSUPPORTED in this build. */
RECLAIM_API int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json);

/** A case's accepted resolution as the host's own refund request(s), ready to send.
 *
 *  case_ref: the case's id or number. adapter: the one its order was imported with
 *  (woocommerce, shopify, magento2, prestashop, shopware6, generic; another one is
 *  RECLAIM_INVALID_ARGUMENT with field "adapter"). The case must be accepted or resolved with
 *  at least one item accepted as refund, partial_refund or price_reduction: otherwise
 *  RECLAIM_NOT_ALLOWED, as for a case without an order. Result:
 *    {"adapter": "woocommerce", "case_id": "c_…", "case_number": "RC-2026-000001",
 *     "order_id": "727", "currency": "USD", "amount": "6.45", "tax": "0.45",
 *     "lines": [{"line": "315", "qty": 2, "restock_qty": 0, "resolution": "refund",
 *                "amount": "6.45", "tax": "0.45"}],
 *     "requests": [{"method": "POST", "path": "/wp-json/wc/v3/orders/727/refunds",
 *                   "content_type": "application/json", "body": {…}}]}
 *  "requests" are sent in order; "body" is a JSON value, or a string for XML (prestashop's
 *  order_slip, "content_type": "application/xml"); paths are relative to the shop's base URL.
 *  Amounts are rounded half up to the currency's minor units; an item refunded whole gets its
 *  share of the host's line total, tax split in the line's own tax/total proportion. Bodies:
 *  WooCommerce POST /orders/{id}/refunds (amount, line_items with quantity, refund_total and
 *  refund_tax per tax rate, api_refund, api_restock); Shopify POST /orders/{id}/refunds.json
 *  (refund_line_items with restock_type, shipping, transactions with parent_id and gateway when
 *  the order document named them, note); Magento 2 POST /V1/order/{id}/refund (items with
 *  order_item_id and qty, bundle children included, return_to_stock_items, adjustments for
 *  amounts other than whole rows); PrestaShop POST /api/order_slip (XML); Shopware 6 the
 *  transaction's state transition (refund or refund_partially) then the capture refund with
 *  its positions; generic a neutral document with the same lines. */
RECLAIM_API int reclaim_host_payload(reclaim_engine *e, const char *case_ref, const char *adapter,
                                     char **out_json);

/** Starts the embedded web endpoint: the customer pages (look a case up, open one, follow it,
 *  reply with photos, rate, cancel, reopen, the EU withdrawal function), the JSON API under
 *  /api/v1, /healthz and /metrics (Prometheus text). Worker threads serve it until
 *  reclaim_http_stop or reclaim_close. options_json (NULL means {}), every member optional:
 *    "listen": "127.0.0.1:8080"   HOST:PORT to bind; port 0 picks a free port
 *    "threads": 2                 worker threads (1–64)
 *    "base_path": ""              prefix of every route, e.g. "/returns"
 *    "shop": "default"            the shop whose orders and cases the pages serve
 *    "max_connections": 1024      beyond it new connections get 503 and are closed
 *    "header_timeout_s": 10       a request's headers must arrive within this time
 *    "idle_timeout_s": 60         a kept-alive connection may idle this long between requests
 *    "lookups_per_minute": 10     per client address: case lookups, order checks
 *    "submits_per_minute": 5      per client address: new cases, replies, ratings, withdrawals
 *    "trusted_proxies": []        peer addresses whose X-Forwarded-For names the client
 *  Bodies are limited to 64 KB, or 10 MB + 64 KB for multipart forms and attachment uploads
 *  (413 beyond). Result: {"listen": "127.0.0.1:PORT", "base_path", "url"}.
 *  RECLAIM_CONFLICT if it already runs; RECLAIM_NOT_FOUND for an unknown shop;
 *  RECLAIM_UNSUPPORTED when the address cannot be bound. */
RECLAIM_API int reclaim_http_start(reclaim_engine *e, const char *options_json, char **out_json);

/** Stops the endpoint: closes the listener and every connection and joins the worker threads.
 *  RECLAIM_NOT_FOUND when it was not running. reclaim_close stops it too. */
RECLAIM_API int reclaim_http_stop(reclaim_engine *e);

/** Runs one request through the same router without a socket, for hosts that route requests
 *  themselves. Uses the running endpoint's options, or the defaults when none runs.
 *  request_json: {"method": "GET", "path": "/c/…" (may carry "?query"), "query": "a=1",
 *  "headers": {"Cookie": "…", …}, "body": "…" | "body_base64": "…", "peer": "client address"}.
 *  Result: {"status": 200, "headers": {…}, "body": "…"} for text, or "body_base64"
 *  (base64url, no padding) for files. Pass the Set-Cookie header on to the browser and its
 *  Cookie header back: the forms' CSRF protection depends on it. */
RECLAIM_API int reclaim_http_handle(reclaim_engine *e, const char *request_json, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* RECLAIM_RECLAIM_H */
