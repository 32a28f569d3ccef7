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
 *                {"error":{"code":"not_allowed","message":"…","field":"items[0].qty",
 *                          "rule":"quantity_exceeded"}}
 *            `code` is the stable status name (see `reclaim_status_name`); `message` is English for
 *            developers; `field` (a path into the input, or a parameter's name) is present when
 *            one field is at fault; `rule` names the rule that refused the request, when one did.
 *            `out_json` may be NULL when the caller does not want the document.
 * Documents. Every request and result document has a JSON Schema (Draft 2020-12) in Reclaim's
 *            source tree, docs/api/, installed with the library in share/reclaim/api/
 *            (README.md there lists them; error.schema.json is the error document); each
 *            function below names its own. The test suite validates every
 *            document the library produces against them.
 * Errors.    Bad input never crashes the host and never changes stored data: on any status other
 *            than RECLAIM_OK nothing was written. No C++ exception crosses this ABI; the library
 *            never writes to stdout or stderr and never calls exit or abort. Besides the statuses
 *            each function lists, any function that takes an engine returns
 *            RECLAIM_INVALID_ARGUMENT for a NULL engine or a NULL required argument; any that
 *            reads or writes the database RECLAIM_STORAGE when the database fails and
 *            RECLAIM_BUSY when it stayed locked beyond the configured busy timeout (retry); and
 *            any RECLAIM_INTERNAL for a bug or exhausted memory.
 * Strictness. Request documents are checked strictly: an unknown field is RECLAIM_INVALID_ARGUMENT
 *            naming it (a misspelt "expected_version" must not silently skip a check); null for
 *            an optional field is the same as leaving it out. Orders and cases accept host data
 *            of any shape under "extra" (an object, at most 16 KB).
 * Data.      Money in results is {"amount":"199.99","currency":"PLN"}: a decimal string, never a
 *            float; requests give a decimal string beside a currency ("unit_price":"99.00",
 *            "currency":"PLN"). Times are RFC 3339; the library writes UTC
 *            ("2026-11-22T10:15:00Z"). Ids are strings (requests may give integers). Enumerations
 *            are lower-case snake_case strings.
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
  RECLAIM_NOT_FOUND = 2,        /**< no such shop, order, case, or endpoint running */
  RECLAIM_CONFLICT = 3,         /**< stale expected_version; idempotency key reused with another body */
  RECLAIM_NOT_ALLOWED = 4,      /**< not allowed in this state, for this role, or by law, policy or limits */
  RECLAIM_STORAGE = 5,          /**< database unavailable or failed */
  RECLAIM_BUSY = 6,             /**< temporarily unavailable (database locked too long); retry */
  RECLAIM_UNSUPPORTED = 7,      /**< unknown adapter, a database newer than the library, an address that cannot be bound */
  RECLAIM_INTERNAL = 8          /**< a bug in Reclaim, or out of memory; the message says where */
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

/** Constructor. Opens the database (creating and migrating it when needed) and returns an engine.
 *
 *  config_json: the configuration, at most 1 MB (docs/api/open-config.schema.json):
 *    {"database": "sqlite:/var/lib/reclaim/reclaim.db", "clock": "system",
 *     "shops": [{"id": "default", "jurisdiction": "PL", "timezone": "Europe/Warsaw",
 *                "currency": "PLN", "locale": "pl"}]}
 *  "database" is "sqlite:PATH", "sqlite::memory:", a PostgreSQL URI ("postgresql://…" or
 *  "postgres://…") or libpq key=value settings ("host=… dbname=… user=…"); several processes may
 *  share one database (docs/SCALING.md) and migrations run once. Optional: the signing secret
 *  of status links and form tokens (32+ bytes as hex or base64), given one way at most:
 *  "secret" (the value), "secret_file" (a file holding it) or "secret_env" (the name of an
 *  environment variable holding it), so that it need not sit in this document nor in the
 *  database; none of them: one is generated once and kept in the database. "secret_id" (default
 *  "0") is its key id, named in every new status link; "previous_secrets":
 *  [{"id": "…", "secret" | "file" | "env": "…"}] are earlier keys that still verify links during
 *  a rotation (remove one and its links stop working). "clock" ("manual": time
 *  moves only by reclaim_clock_set), "log" (a file; never stdout or stderr), "storage"
 *  (synchronous, busy_timeout_ms, pool), "scheduler" (a background reclaim_tick; off by
 *  default), "shops" (one shop "default" when omitted; each with its jurisdiction, time zone,
 *  currency, locale, case prefix, report targets, the generic adapter's "order_mapping", and
 *  "attachments": {"max_files": 20, "max_bytes": 52428800}, what the files of one case may add
 *  up to on the customer pages and API, beyond which an upload is refused with rule
 *  "attachment_quota").
 *  out_engine: receives the engine, or NULL on failure.
 *  out_json: the result (docs/api/open-result.schema.json):
 *    {"version": "…", "abi": 1, "database": "sqlite", "schema": N, "clock": "system",
 *     "shops": ["default"]}
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad configuration (an unknown member, a
 *  database that is none of the forms above, an unknown time zone, a short secret, a log file
 *  that cannot be opened, a secret file or variable that cannot be read, a duplicate key id;
 *  "field" names it); RECLAIM_STORAGE when the database cannot be opened
 *  or reached; RECLAIM_BUSY; RECLAIM_UNSUPPORTED when the database's schema is newer than this
 *  library's. */
RECLAIM_API int reclaim_open(const char *config_json, reclaim_engine **out_engine,
                             char **out_json);

/** Destructor. Stops the HTTP endpoint, closes the database, frees the engine. NULL is fine. */
RECLAIM_API void reclaim_close(reclaim_engine *engine);

/** Sets the engine's clock. For tests and simulations.
 *
 *  unix_ms: milliseconds since 1970-01-01T00:00:00Z, up to the end of the year 9999. The clock
 *  may move backwards.
 *  Returns RECLAIM_OK; RECLAIM_NOT_ALLOWED unless the engine was opened with "clock":"manual";
 *  RECLAIM_INVALID_ARGUMENT for a time out of range. No document. */
RECLAIM_API int reclaim_clock_set(reclaim_engine *e, int64_t unix_ms);

/** Runs due work now, for every shop (deadline warnings, breaches, deemed acceptance).
 *
 *  For each case whose next alert has come: one "case.deadline_at_risk" event per warning offset
 *  of the policy (warn_before_hours) and one "case.deadline_breached" event when a deadline
 *  passes unmet; where silence is acceptance (PL consumer complaints, u.p.k. art. 7a) an
 *  undecided case whose decision date passed becomes "accepted" with the customer's preferred
 *  resolution, "deemed": true, a "deemed_acceptance" history entry by the system and a
 *  case.state_changed event. Each alert is sent exactly once, also when several threads or
 *  processes tick one database; a late tick sends what came due meanwhile. Cheap when nothing is
 *  due (an indexed look-up). Hosts with their own cron or worker call it (e.g. every minute), or
 *  configure "scheduler" in reclaim_open.
 *  out_json: {"at": "…", "cases": N, "events": N} (docs/api/tick-result.schema.json).
 *  Returns RECLAIM_OK (or a general status, see the contract). */
RECLAIM_API int reclaim_tick(reclaim_engine *e, char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Policies and eligibility                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** Sets a shop's written policy, from the day it applies.
 *
 *  shop: the shop's id; NULL means "default".
 *  policy_json: at most 1 MB (docs/api/policy-set-request.schema.json). Every member optional;
 *  omitted ones take the jurisdiction preset's values: windows and their start, the guarantee,
 *  non-returnable goods and statutory exceptions, evidence per reason, resolutions on offer,
 *  decision limits per role, restocking fee, return shipping, SLA targets, warning offsets,
 *  appeal days, extra holidays. "applies_from" (default: today in the shop's zone) dates it:
 *  cases use the policy in force on the day they open. Rules and sources: docs/DEADLINES.md.
 *  out_json: {"shop": "…", "policy": {every member, as stored}}
 *  (docs/api/policy-set-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for an unknown member or a bad value;
 *  RECLAIM_NOT_FOUND for an unknown shop; RECLAIM_NOT_ALLOWED for a policy stricter than the law
 *  in force on applies_from, with "field" and "rule" (return_window_shorter_than_law,
 *  window_must_count_from_delivery, guarantee_shorter_than_law, decision_later_than_law,
 *  statutory_remedy_missing). Business customers get no statutory minimums. */
RECLAIM_API int reclaim_policy_set(reclaim_engine *e, const char *shop, const char *policy_json,
                                   char **out_json);

/** Reads a shop's policy in force now.
 *
 *  shop: the shop's id; NULL means "default".
 *  out_json: {"shop", "policy": {every member}, "preset": true when none was set,
 *  "scheduled": [policies set to apply from a later day]}
 *  (docs/api/policy-get-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_NOT_FOUND for an unknown shop. */
RECLAIM_API int reclaim_policy_get(reclaim_engine *e, const char *shop, char **out_json);

/** Checks what an order's items allow now, under the law in force and the shop's policy.
 *
 *  request_json: at most 1 MB (docs/api/eligibility-request.schema.json):
 *    {"shop": "default", "order_id": "1001", "kind": "return", "locale": "pl",
 *     "items": [{"line": "1", "qty": 1, "reason": "changed_mind", "evidence": ["photo"]}]}
 *  out_json: {"eligible": every item is, "locale", "items": [{"line", "eligible", "code",
 *  "message", "window_ends", "window_from", "evidence_required", "resolutions", "basis", …}]}
 *  (docs/api/eligibility-result.schema.json). Codes (stable): statutory_withdrawal,
 *  shop_return_policy, statutory_guarantee, shop_guarantee (eligible); window_expired,
 *  guarantee_expired, non_returnable, statutory_exception, quantity_exceeded, line_not_found.
 *  reclaim_case_open runs the same check: a customer cannot open what it refuses.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad request; RECLAIM_NOT_FOUND for an
 *  unknown shop or order ("field": "shop" or "order_id"). */
RECLAIM_API int reclaim_eligibility_check(reclaim_engine *e, const char *request_json,
                                          char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Orders                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Imports an order: inserts it, or replaces the one with the same id in the shop.
 *
 *  shop: the shop's id; NULL means "default".
 *  adapter: "reclaim" for Reclaim's own order document (docs/api/order.schema.json); or a host's
 *  own order document exactly as its REST API returns it (docs/ADAPTERS.md): "woocommerce",
 *  "shopify", "magento2", "prestashop" (JSON, or the webservice's XML, recognised by its first
 *  non-space character '<'), "shopware6", "medusa" (v2), or "generic" (driven by the shop's
 *  "order_mapping").
 *  host_order_json: the document, at most 4 MB. Money becomes exact decimals; a line's
 *  unit_price is its total with tax divided by its quantity (exact at 6 decimals when it
 *  divides, else rounded up at the 6th); quantities the host already refunded become
 *  refunded_qty.
 *  out_json: {"order": {the stored order}, "created": true|false, "adapter": "…"}
 *  (docs/api/order-import-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a document that cannot be mapped (a missing
 *  or mistyped field, a bad quantity, money with more than 6 decimals or 12 integer digits, XML
 *  for another adapter; "field" names the host's field, "line_items[2].price"); RECLAIM_NOT_FOUND
 *  for an unknown shop; RECLAIM_UNSUPPORTED for an unknown adapter, or "generic" without a
 *  mapping; RECLAIM_CONFLICT when a re-import drops a line, or lowers its quantity below what
 *  open cases claim. */
RECLAIM_API int reclaim_order_import(reclaim_engine *e, const char *shop, const char *adapter,
                                     const char *host_order_json, char **out_json);

/** Reads an imported order as Reclaim's own document, whichever adapter brought it.
 *
 *  shop: the shop's id; NULL means "default". order_id: the host's order id.
 *  out_json: the order (docs/api/order-get-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_NOT_FOUND when the shop or the order is unknown. */
RECLAIM_API int reclaim_order_get(reclaim_engine *e, const char *shop, const char *order_id,
                                  char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Cases                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** Opens a case; it is acknowledged at once in state "received".
 *
 *  request_json: at most 1 MB (docs/api/case-open-request.schema.json):
 *    {"kind": "complaint", "actor": {"role": "customer"}, "order_id": "727",
 *     "customer": {"email": "…"}, "items": [{"line": "315", "qty": 1, "reason": "defect"}],
 *     "preferred_resolution": "replacement", "idempotency_key": "…"}
 *  A customer names an order and the order's e-mail; staff and hosts may open a case without an
 *  order, naming the goods (sku, name, unit_price with currency). A quantity may not exceed what
 *  was bought, less what was refunded and what other cases (not cancelled) claim. A customer may
 *  only open what reclaim_eligibility_check allows; staff and hosts may open more, and the
 *  opening history entry records "eligibility_override". The deadlines come from the law in
 *  force and the shop's policy on the day the case opens.
 *  out_json: the case, as reclaim_case_get gives it.
 *  Returns RECLAIM_OK (also for the same idempotency_key with the same body: the case again,
 *  nothing new written); RECLAIM_INVALID_ARGUMENT for a bad request (an order line named twice
 *  or missing from the order, goods without a name); RECLAIM_NOT_FOUND for an unknown shop or
 *  order; RECLAIM_NOT_ALLOWED with "rule": role_not_allowed (system), order_required,
 *  email_mismatch, quantity_exceeded, or the eligibility code that refused a customer (its
 *  message in the customer's language); RECLAIM_CONFLICT for an idempotency_key used with
 *  another body. */
RECLAIM_API int reclaim_case_open(reclaim_engine *e, const char *request_json, char **out_json);

/** Reads a case with its history.
 *
 *  case_ref: the case's id ("c_…") or number ("RC-2026-000042"; numbers are unique per shop,
 *  so with several shops a number reaches the first shop in configuration order that has it;
 *  prefer the id).
 *  out_json: the case (docs/api/case.schema.json): identity, state and version, customer,
 *  items with their decisions and received goods, assignee, priority, tags, "deadlines"
 *  (first_response_due, decision_due and resolution_due with the legal basis, whether silence
 *  accepts, and a late Russian demand's accrued penalty at the time of the call; how days count:
 *  docs/DEADLINES.md), the resolution, the rating, "history", "link_version" and
 *  "status_token": the customer's status page is /c/{status_token} at the endpoint serving the
 *  case's shop (a link for one shop is refused by another shop's endpoint). The token names the
 *  key that signed it and the case's link_version; renew_link (reclaim_case_act) revokes it.
 *  Returns RECLAIM_OK; RECLAIM_NOT_FOUND for no such case. */
RECLAIM_API int reclaim_case_get(reclaim_engine *e, const char *case_ref, char **out_json);

/** Lists cases, a page at a time.
 *
 *  query_json: NULL or "{}" for every case, newest first; at most 1 MB
 *  (docs/api/case-list-query.schema.json):
 *    {"shop", "state": "received" | ["received", …], "kind", "assignee", "customer_email",
 *     "order_id", "created_from", "created_to", "overdue": true, "sort": "-created_at",
 *     "limit": 1–500 (50), "cursor": "…"}
 *  out_json: {"cases": [summaries: the case without history and status token],
 *  "next_cursor": "…" | null} (docs/api/case-list-result.schema.json). A cursor is only valid
 *  with the same filters and sort.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad query or cursor; RECLAIM_NOT_FOUND for
 *  an unknown shop. */
RECLAIM_API int reclaim_case_list(reclaim_engine *e, const char *query_json, char **out_json);

/** Acts on a case: moves it through its lifecycle, decides it, or annotates it.
 *
 *  case_ref: the case's id or number.
 *  action_json: at most 1 MB (docs/api/case-act-request.schema.json, the one source of each
 *  action's fields; `reclaimctl help case act ACTION` prints them):
 *    {"action": "accept", "actor": {"role": "supervisor", "id": "eva"}, "expected_version": 3,
 *     "idempotency_key": "…", "resolution": {"type": "refund"}}
 *  Actions: review, request_info, reply, authorize_return, receive_goods, accept, reject,
 *  fulfil, close, reopen, cancel, rate, assign, escalate, comment, set_priority, tag,
 *  renew_link, legal_hold, claim_supplier, supplier_answer. Who may take which in which state: docs/STATES.md. renew_link (customer, staff or
 *  host; any state) revokes every status link of the case: the link_version goes up, earlier
 *  links are refused at once, the result's status_token is the new link and a
 *  case.link_renewed event (customer-visible) tells the host to mail it to the customer.
 *  out_json: the case after the action, as reclaim_case_get gives it.
 *  Returns RECLAIM_OK (also for the same idempotency_key with the same body: the case unchanged);
 *  RECLAIM_INVALID_ARGUMENT for a bad request (a field of another action, an item the case lacks,
 *  a quantity or amount beyond the goods: "rule" quantity_exceeded or amount_exceeded);
 *  RECLAIM_NOT_FOUND for no such case; RECLAIM_CONFLICT for a stale expected_version or an
 *  idempotency_key used with another body; RECLAIM_NOT_ALLOWED with "rule": role_not_allowed
 *  (the message names the roles that may), state_not_allowed (the states that allow it),
 *  decision_limit_exceeded (an accept above the role's limit in the policy; the message names who
 *  may decide), appeal_window_expired (a customer's reopen after the policy's appeal_days),
 *  already_rated. */
RECLAIM_API int reclaim_case_act(reclaim_engine *e, const char *case_ref, const char *action_json,
                                 char **out_json);

/** Reads one file of a case: a photo or document the customer sent, or one staff attached.
 *
 *  case_ref: the case's id or number, as for reclaim_case_get. attachment_id: the file's id
 *  ("a_…", as the case's history names it).
 *  out_json: {"id", "case_id", "name", "content_type", "size", "sha256", "data_base64"}
 *  (docs/api/attachment.schema.json); "name" is the name the sender gave, for display only:
 *  never use it as a path without taking its last component.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL argument; RECLAIM_NOT_FOUND for no
 *  such case, or no such file in that case (a file of another case is not found). */
RECLAIM_API int reclaim_attachment_get(reclaim_engine *e, const char *case_ref,
                                       const char *attachment_id, char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Events (the outbox)                                                                         */
/* ------------------------------------------------------------------------------------------ */

/** Reads events after a cursor, by seq. Every change writes its events in the same transaction
 *  as itself, and no event ever becomes readable below a "next" already handed out (on
 *  PostgreSQL a change still committing holds back the events after it), so a host that keeps
 *  the cursor misses none. Seq numbers grow but are not consecutive (docs/SCALING.md).
 *
 *  query_json: NULL means {}; at most 1 MB (docs/api/events-query.schema.json):
 *    {"after": SEQ (0), "limit": 1–1000 (100), "shop": "…", "case_id": "…"}
 *  out_json: {"events": [{"seq", "type", "case_id", "case_number", "shop", "at",
 *  "customer_visible", "data"}], "next": SEQ} (docs/api/events-result.schema.json, which
 *  lists the types and their data). Keep "next" and pass it as "after" next time.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad query; RECLAIM_NOT_FOUND for an
 *  unknown shop. */
RECLAIM_API int reclaim_events_read(reclaim_engine *e, const char *query_json, char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Messages (the outbox of mails; docs/MESSAGES.md)                                            */
/* ------------------------------------------------------------------------------------------ */

/** Reads the mails every customer-visible change renders (in the case's language, from the
 *  shop's templates), by seq after a cursor (kept as for events: none is missed), for a host
 *  that sends them with its own mailer. They are written in the same transaction as their
 *  event. With "delivery": {"enabled": true} the engine sends them itself and a host need not
 *  call this.
 *
 *  query_json: NULL means {}; at most 1 MB (docs/api/messages-query.schema.json):
 *    {"after": SEQ (0), "limit": 1–1000 (100), "shop": "…", "status": "pending",
 *     "channel": "mail" (default) | "webhook"}
 *  out_json: {"messages": [{"id", "seq", "case_id", "case_number", "shop", "to", "locale",
 *  "template", "subject", "text", "html", "headers": {"Message-ID": …, "References": …},
 *  "status", "attempts"}], "next": SEQ} (docs/api/messages-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad query; RECLAIM_NOT_FOUND for an
 *  unknown shop. */
RECLAIM_API int reclaim_messages_read(reclaim_engine *e, const char *query_json, char **out_json);

/** Records what became of messages: {"ids": [...], "result": "sent" | "failed", "error": "…"}
 *  from a host's mailer, or "retry" to send a failed or dead message again (the engine's own
 *  sender starts its attempts anew). out_json: {"changed": N}.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad document; RECLAIM_NOT_FOUND naming
 *  ("field": "ids[i]") an unknown id, and then nothing changes. */
RECLAIM_API int reclaim_messages_ack(reclaim_engine *e, const char *ack_json, char **out_json);

/** Renders a mail template for a case as it would be sent now, with the shop's current wording
 *  (its policy's "messages"), from the case's latest event that sends it; nothing is queued.
 *  request_json (docs/api/message-preview-request.schema.json):
 *    {"template": "case.decided", "case": "RC-2026-000001", "locale": "pl"}
 *  "locale" is optional: by default the language the event's mail was written in (staff
 *  templates: the shop's staff language).
 *  out_json: {"template", "locale", "to", "subject", "text", "html", "event_seq", "event_type"}.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for an unknown template ("field": "template") or
 *  language ("locale"); RECLAIM_NOT_FOUND for an unknown case, or a case none of whose
 *  events sends this template ("template"; the message names the templates it has). */
RECLAIM_API int reclaim_message_preview(reclaim_engine *e, const char *request_json,
                                        char **out_json);

/** Makes a document of a case as a PDF (docs/DOCUMENTS.md): "complaint_receipt" (the case
 *  number, the date it was received, the items, what the customer asked for and the date by
 *  which the shop answers), "decision_letter" (the decision on each item with its reasons, the
 *  legal basis, the customer's further rights when anything was refused, the shop's details) or
 *  "return_slip" (the case number, the items, the return address and the case number as a QR
 *  code), in Polish, English or Russian.
 *  case_ref: the case's id or number. request_json (docs/api/document-request.schema.json):
 *    {"type": "decision_letter", "locale": "pl"}
 *  "locale" is optional: by default the customer's language, else the shop's.
 *  out_json (docs/api/document-result.schema.json):
 *    {"filename": "RC-2026-000001-decision_letter-pl.pdf", "content_type": "application/pdf",
 *     "data_base64": "JVBERi0…"}
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT naming the field ("type", "locale", or an unknown
 *  member); RECLAIM_NOT_FOUND for an unknown case; RECLAIM_NOT_ALLOWED ("rule": "not_decided")
 *  for a decision letter of a case not decided yet. */
RECLAIM_API int reclaim_document(reclaim_engine *e, const char *case_ref, const char *request_json,
                                 char **out_json);

/* ------------------------------------------------------------------------------------------ */
/* Reports, host payloads, HTTP                                                                */
/* ------------------------------------------------------------------------------------------ */

/** KPIs and root causes for the cases opened in a period (definitions: docs/REPORTS.md).
 *
 *  query_json: NULL means {}; at most 1 MB (docs/api/report-query.schema.json):
 *    {"shop": "default", "from": "2026-11-01", "to": "2026-11-30", "kind": "complaint",
 *     "group_by": "sku", "format": "json", "locale": "pl", "limit": 5, "min_units_sold": 10}
 *  Dates are days on the shop's wall clock, both included (default: this month so far; at most
 *  10 years). Without "shop" every configured shop is reported together, with the dates and
 *  targets of the first.
 *  out_json (docs/api/report-result.schema.json): format "json": the figures per group and in
 *  total, and the shop's targets against them; format "csv": {"format": "csv", "content_type":
 *  "text/csv; charset=utf-8", "body": one row per group, RFC 4180}; format "html": {"format":
 *  "html", "content_type": "text/html; charset=utf-8", "body": the report as an HTML fragment in
 *  the locale's language (docs/REPORTS-HTML.md)}.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT naming the field (an unknown word, a bad date, to
 *  before from, a range too long); RECLAIM_NOT_FOUND for an unknown shop ("field": "shop"). */
RECLAIM_API int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json);

/** A case's accepted resolution as the host's own refund request(s), ready to send.
 *
 *  case_ref: the case's id or number; the case must be accepted or resolved, on an imported
 *  order, with at least one item accepted as refund, partial_refund or price_reduction.
 *  adapter: the one its order was imported with: woocommerce, shopify, magento2, prestashop,
 *  shopware6, medusa or generic.
 *  out_json: {"adapter", "case_id", "case_number", "order_id", "currency", "amount", "tax",
 *  "lines": [{"line", "qty", "restock_qty", "resolution", "amount", "tax"}],
 *  "requests": [{"method", "path", "content_type", "body"}]}
 *  (docs/api/host-payload-result.schema.json, which describes each host's request). The
 *  requests are sent in order; paths are relative to the shop's base URL; "body" is a JSON
 *  value, or the XML text for prestashop. Amounts are rounded half up to the currency's minor
 *  units; an item refunded whole gets its share of the host's line total.
 *  Returns RECLAIM_OK; RECLAIM_NOT_FOUND for no such case, or when its order is not imported;
 *  RECLAIM_NOT_ALLOWED for a case without an order, not accepted or resolved, with nothing that
 *  moves money, or (shopware6, medusa) an order without a paid transaction or captured
 *  payment; RECLAIM_UNSUPPORTED for an
 *  unknown adapter, or "reclaim" (no host to write to); RECLAIM_INVALID_ARGUMENT when the order
 *  was imported with another adapter ("field": "adapter"), or when a re-imported order no longer
 *  has the case's line or currency ("field": "case_ref"). */
RECLAIM_API int reclaim_host_payload(reclaim_engine *e, const char *case_ref, const char *adapter,
                                     char **out_json);

/** Starts the embedded web endpoint. Worker threads serve it until reclaim_http_stop or
 *  reclaim_close: the customer pages (look a case up, open one, follow it, reply with photos,
 *  rate, cancel, reopen, the EU withdrawal function), the JSON API under /api/v1
 *  (docs/api/openapi.yaml), /healthz and /metrics (Prometheus text).
 *
 *  options_json: NULL means {}; at most 1 MB (docs/api/http-start-options.schema.json):
 *    {"listen": "127.0.0.1:8080", "threads": 2, "workers": 4, "queue_timeout_ms": 2000,
 *     "base_path": "", "shop": "default",
 *     "max_connections": 1024, "max_connections_per_address": 32, "uploads_in_flight_mb": 128,
 *     "header_timeout_s": 10, "idle_timeout_s": 60, "lookups_per_minute": 10,
 *     "submits_per_minute": 5, "downloads_per_minute": 60, "trusted_proxies": [],
 *     "metrics_token": null}
 *  "listen" is HOST:PORT with an IP address; port 0 picks a free port. "threads" parse, route
 *  and write; "workers" run the handlers' database work (at most workers × 4 requests wait or
 *  run; a request that waits longer than "queue_timeout_ms" gets 503). "trusted_proxies" are
 *  addresses or CIDR ranges whose X-Forwarded-For is believed (the right-most address that is
 *  not a trusted proxy is the client; IPv6 clients are budgeted per /64). /metrics is off
 *  unless "metrics_token" is set, and then needs "Authorization: Bearer <token>". Bodies are
 *  limited to 64 KB, or 10 MB + 64 KB for file uploads: multipart forms to /new and /c/… from a
 *  browser holding the endpoint's CSRF cookie, and API uploads naming a real case; the limit is
 *  chosen from the request's head, so a refused body is never read (413).
 *  Attachments: a file is accepted by its whole content (JPEG, PNG, WebP, PDF; the structure of
 *  each checked, markup and PDF scripts refused, and libmagic must report the same type), only
 *  on a case that is not closed or cancelled (409, rule "attachment_state") and within the
 *  shop's per-case quota (409, rule "attachment_quota"); the files of a page's reply (or of its
 *  new-case form) are kept in the reply's (the opening's) own transaction. Downloads count
 *  against "downloads_per_minute" per client address (429 beyond), carry the file's sha256 as
 *  ETag with Cache-Control "private, max-age=86400", and answer 304 to an If-None-Match that
 *  names it, without reading the file.
 *  out_json: {"listen": "127.0.0.1:PORT", "base_path", "url"}
 *  (docs/api/http-start-result.schema.json).
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for bad options (HOST not an IP address);
 *  RECLAIM_NOT_FOUND for an unknown shop; RECLAIM_CONFLICT if it already runs;
 *  RECLAIM_UNSUPPORTED when the address cannot be bound. */
RECLAIM_API int reclaim_http_start(reclaim_engine *e, const char *options_json, char **out_json);

/** Stops the endpoint: closes the listener and every connection and joins the worker threads.
 *  reclaim_close stops it too.
 *  Returns RECLAIM_OK; RECLAIM_NOT_FOUND when it was not running. No document. */
RECLAIM_API int reclaim_http_stop(reclaim_engine *e);

/** Runs one request through the endpoint's router without a socket, for hosts that route
 *  requests themselves. Uses the running endpoint's options, or the defaults when none runs.
 *
 *  request_json: at most 32 MB (docs/api/http-handle-request.schema.json):
 *    {"method": "GET", "path": "/c/…" (may carry "?query"), "query": "a=1",
 *     "headers": {"Cookie": "…"}, "body": "…" | "body_base64": "…", "peer": "client address"}
 *  out_json: {"status": 200, "headers": {…}, "body": "…"} for text, or "body_base64"
 *  (base64url, no padding) for files (docs/api/http-handle-result.schema.json). Pass the
 *  Set-Cookie header on to the browser and its Cookie header back: the forms' CSRF protection
 *  depends on it. Pass "peer", the client's address as your server saw it: requests without
 *  one share a single rate-limit budget, and their X-Forwarded-For is never believed. Failures of the request itself are responses (404, 422, 429, …), not statuses.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad request document; RECLAIM_NOT_FOUND
 *  when no endpoint runs and the engine has no shop "default". */
RECLAIM_API int reclaim_http_handle(reclaim_engine *e, const char *request_json, char **out_json);

/** Makes a one-time sign-in link to the staff desk (the /staff/ pages and the staff JSON API of
 *  the endpoint) for a member of the host's own staff, whom the host has signed in itself.
 *  Give the link to that person's browser (a redirect, a link in the host's admin); the host's
 *  own pages route /staff/… to reclaim_http_handle or to the running endpoint.
 *
 *  request_json: at most 64 KB (docs/api/staff-link-request.schema.json):
 *    {"staff": {"id": "anna", "name": "Anna Nowak", "role": "agent" | "supervisor",
 *               "shops": ["default"], "locale": "pl" | "en" | "ru"},
 *     "ttl_s": 300, "next": "/staff/cases/RC-2026-000001"}
 *  "staff.id", "staff.role" and "staff.shops" (configured shops, at least one) are required;
 *  "ttl_s" is 1 to 600 (300 by default); "next" is a path under /staff/ (default "/staff/"),
 *  without "//", dot segments, backslashes or control characters. Strict: unknown fields are
 *  refused. The member of staff acts under their role: the shop's decision limits apply, and
 *  they see only the cases of their shops.
 *  out_json: {"path": "/staff/enter?t=…", "expires_at": "2026-11-23T10:05:00Z"}
 *  (docs/api/staff-link-result.schema.json). "path" is relative to the endpoint's base_path.
 *  Its first GET sets an HttpOnly, SameSite=Strict session cookie (Secure when the shop's
 *  public_url is https) and answers 303 to "next"; a second use or an expired link gets 403.
 *  Sessions end after 30 minutes without a request, 12 hours after sign-in, or at sign-out
 *  (POST /staff/logout), for every process sharing the database. Only SHA-256 hashes of the
 *  link's and the session's secrets are stored.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL or malformed request, a ttl_s out
 *  of range, an unsafe "next" or an unknown shop (named in "field"); RECLAIM_STORAGE. */
RECLAIM_API int reclaim_staff_link(reclaim_engine *e, const char *request_json, char **out_json);

/** Manages the staff accounts of reclaimd and of other hosts without their own sign-in: members
 *  of staff who sign in to the desk at GET/POST /staff/login with a login and a password
 *  (docs/STAFF.md, "Accounts"). They get the same sessions as reclaim_staff_link's. One
 *  operation per call; `reclaimctl staff …` makes these calls.
 *
 *  request_json: at most 64 KB (docs/api/staff-account-request.schema.json), one of
 *    {"op": "add", "staff": {"id": "anna", "name": "Anna Nowak", "role": "agent" | "supervisor",
 *                            "shops": ["default"], "locale": "pl" | "en" | "ru"},
 *     "password": "…"}
 *    {"op": "passwd", "id": "anna", "password": "…"}
 *    {"op": "remove" | "disable" | "enable", "id": "anna"}
 *    {"op": "list"}
 *  "staff" is read as in reclaim_staff_link; its "id" is the login (no spaces or control
 *  characters). A password has at least 12 characters and at most 1024 bytes of UTF-8 text
 *  without control characters. Strict: a member the operation does not take is refused.
 *  Only an Argon2id hash of the password is stored (libsodium's crypto_pwhash_str); passwords
 *  are never logged nor returned. "passwd", "remove" and "disable" end the account's desk
 *  sessions at once, for every process sharing the database; "passwd" and "enable" clear a
 *  lockout (after 5 wrong passwords in a row an account is locked for 15 minutes, after 10 for
 *  30, and so on, at most a day).
 *  out_json (docs/api/staff-account-result.schema.json):
 *    add, passwd, disable, enable: {"account": ACCOUNT, "sessions_ended": 0}
 *    remove: {"removed": "anna", "sessions_ended": 1}
 *    list:   {"accounts": [ACCOUNT, …]}   (by login)
 *  ACCOUNT: {"id", "name", "role", "shops", "locale", "disabled": false, "failed_logins": 0,
 *            "locked_until": null | "2026-11-23T10:15:00Z", "created_at", "changed_at"}.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL or malformed request, a refused
 *  password (field "password"), an unknown shop (named in "field"); RECLAIM_NOT_FOUND for an
 *  unknown login (field "id"); RECLAIM_CONFLICT when "add" names a login taken (field
 *  "staff.id"); RECLAIM_STORAGE. */
RECLAIM_API int reclaim_staff_account(reclaim_engine *e, const char *request_json,
                                      char **out_json);

/** A shop's canned replies: texts its staff insert when they write to a customer, one per
 *  language and, if the shop wants, per complaint reason. A text may name {{case_number}},
 *  {{customer_name}}, {{order_number}}, {{shop_name}} and {{decision_date}}, filled in for the
 *  case it is used on. The staff desk lists them on its settings page and on each case.
 *
 *  request_json (at most 64 KB; docs/api/canned-replies-request.schema.json), one of:
 *    {"op":"list", "shop":"default", "locale":"pl", "reason":"defect"}  (locale, reason optional;
 *      a reason also lists the replies for any reason)
 *    {"op":"save", "shop", "reply":{"id"?, "locale", "reason"?, "title", "body"}, "staff"?}
 *      (without an id: a new reply; with one: replaces that reply)
 *    {"op":"remove", "shop", "id"}
 *    {"op":"render", "case":"RC-2026-000042", "id", "locale"?}
 *  out_json (docs/api/canned-replies-result.schema.json): list {"replies":[{"id", "shop",
 *  "locale", "reason", "title", "body", "updated_at", "updated_by"}]}; save {"reply":{…}};
 *  remove {"removed":id}; render {"id", "title", "locale", "text"}.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a bad request (an unknown placeholder names
 *  "reply.body"); RECLAIM_NOT_FOUND for an unknown shop, reply or case; RECLAIM_NOT_ALLOWED with
 *  "rule": canned_reply_limit (500 replies per shop). */
RECLAIM_API int reclaim_canned_replies(reclaim_engine *e, const char *request_json,
                                       char **out_json);

/** Takes a customer's e-mail (issue 16; docs/MESSAGES.md, "Inbound mail"). Feed only mail that
 *  passed your MTA's SPF/DKIM/DMARC checks: a From address is easily forged.
 *
 *  request_json: at most 32 MB (docs/api/message-inbound-request.schema.json):
 *    {"shop": "default", "raw": "<the whole RFC 5322/MIME message>"}
 *  or {"shop": …, "raw_base64": "…"} for a message whose bytes are not UTF-8 (8-bit text in
 *  another charset). "shop" defaults to "default". The message itself is at most 10 MB, at most
 *  10 files, its multiparts nested at most 8 deep. Strict: unknown fields are refused.
 *  The message threads to a case of the shop by a Message-ID of Reclaim's own mail in
 *  In-Reply-To or References (reclaim.CASE-NUMBER.UNIQUE at the sender's domain), else by the case number in
 *  its subject (any letter case). It is added only when its From address is the case's customer
 *  e-mail (compared in any letter case, local part included):
 *    - on a case waiting_for_customer it is the customer's `reply` (to in_review);
 *    - on another case not closed or cancelled, a customer message in the history (action
 *      "reply", the state unchanged, a customer-visible case.message event);
 *  with its text (text/plain, else the HTML as text; UTF-8; quoted history and signature cut)
 *  and its files, judged like uploads (a refused file is named in the text and in
 *  "refused_files"); history and events carry "channel": "email".
 *  Otherwise it is kept as a draft for staff (sender, subject, text, time, size; no files).
 *  The same message (same Message-ID, or the same bytes without one) given again adds nothing
 *  and answers as the first time with "duplicate": true.
 *  out_json (docs/api/message-inbound-result.schema.json):
 *    {"result": "reply" | "message", "case_id", "case_number", "history_seq", "attachments": [ids],
 *     "refused_files": [{"filename", "rule"}], "message_id", "duplicate"}
 *    {"result": "draft", "draft_id", "reason": "no_case" | "not_customer" | "case_closed" |
 *     "refused", "refused_files", "message_id", "duplicate"}
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL or malformed request or a message
 *  refused whole (field "raw"; rule mail_too_large, mail_malformed, mail_no_sender,
 *  mail_too_many_files or mail_too_deep); RECLAIM_NOT_FOUND for an unknown shop. */
RECLAIM_API int reclaim_message_inbound(reclaim_engine *e, const char *request_json,
                                        char **out_json);

/** A person's data in one shop (GDPR art. 15; docs/PRIVACY.md).
 *  request_json (at most 64 KB; docs/api/subject-export-request.schema.json):
 *    {"shop": "default", "email": "jan@example.pl"}  (the e-mail in any letter case)
 *  out_json (docs/api/subject-export-result.schema.json): {"shop", "email", "generated_at",
 *  "cases": [the case as reclaim_case_get gives it, without its status token, each history entry
 *  with "internal": true when only staff saw it], "orders": [...], "messages": [mails sent to the
 *  person], "received_mails": [mails from them], "attachments": [{"id", "case_id", "name",
 *  "content_type", "size", "sha256", "data_base64"}]}. A person the shop does not know gets the
 *  same document with empty lists, never an error: the answer does not tell who is a customer.
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL or malformed request (field "email");
 *  RECLAIM_NOT_FOUND for an unknown shop. */
RECLAIM_API int reclaim_subject_export(reclaim_engine *e, const char *request_json,
                                       char **out_json);

/** Erases a person from one shop (GDPR art. 17; docs/PRIVACY.md) by anonymising them: names,
 *  e-mail, phone, address, every text they wrote and every file they sent go; dates, amounts,
 *  SKUs, reasons, states and ratings stay, so reports keep their figures. Open cases and cases
 *  under a legal hold are kept whole and listed. Each anonymised case's status links stop
 *  working, it takes no more actions, and it gets a history entry "anonymise" and an event
 *  case.anonymised (neither with personal data). Running it again anonymises nothing more.
 *  request_json (at most 64 KB; docs/api/subject-erase-request.schema.json):
 *    {"shop": "default", "email": "jan@example.pl", "actor": {"role": "supervisor"|"host",
 *     "id": "…"}, "reason": "the customer's request of 2026-11-30"}
 *  out_json (docs/api/subject-erase-result.schema.json): {"erasure": "e_…", "shop", "at",
 *  "erased": {"cases", "orders", "messages", "attachments", "received_mails"},
 *  "kept": [{"case": "RC-2026-000042", "why": "open" | "legal_hold"}]}
 *  Returns RECLAIM_OK; RECLAIM_INVALID_ARGUMENT for a NULL or malformed request (fields "email",
 *  "actor", "reason"); RECLAIM_NOT_ALLOWED for another role (rule role_not_allowed);
 *  RECLAIM_NOT_FOUND for an unknown shop; RECLAIM_BUSY as for any write. */
RECLAIM_API int reclaim_subject_erase(reclaim_engine *e, const char *request_json,
                                      char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* RECLAIM_RECLAIM_H */
