"""The documents of docs/api against the library: every request the test sends validates against
its request schema, and every result and error document the library hands back, and every HTTP
JSON API response, validates against its schema (jsonschema's Draft 2020-12 validator, formats
checked). The schemas cannot drift from the code without this test failing.

Run: python3 schema_test.py LIBRARY API_DIR FIXTURES_DIR SDK_PYTHON_DIR HEADER
(Debian's python3-jsonschema and python3-yaml). Prints "N passed, M failed"; exits 1 on any
failure. RECLAIM_TEST_VERBOSE=1 prints what passed too.
"""
import base64
import copy
import datetime
import glob
import json
import os
import re
import sys
import urllib.error
import urllib.request

import jsonschema
import yaml

LIBRARY, API_DIR, FIXTURES, SDK_PYTHON, HEADER = sys.argv[1:6]
sys.path.insert(0, SDK_PYTHON)
import reclaim  # noqa: E402  (the project's binding, sdk/python/reclaim)

BASE = "https://reclaim.invalid/api/"
T0 = 1795168800000  # 2026-11-20T10:00:00Z

passed = failed = 0
VERBOSE = os.environ.get("RECLAIM_TEST_VERBOSE") == "1"  # print what passed, too


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        if VERBOSE:
            print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAIL: {what}", flush=True)
    return ok


# --- The schemas ------------------------------------------------------------------------------

RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?"
                     r"([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    """date and date-time checked by their RFC 3339 grammar (Debian's jsonschema has no
    date-time checker of its own without an extra package)."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        m = RFC3339.match(value)
        if not m:
            raise ValueError("not RFC 3339")
        y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
        datetime.date(y, mo, d)
        return h < 24 and mi < 60 and s <= 60

    @checker.checks("date", raises=ValueError)
    def date(value):
        if not isinstance(value, str):
            return True
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError("not YYYY-MM-DD")
        datetime.date.fromisoformat(value)
        return True

    return checker


FORMATS = format_checker()
SCHEMAS = {}  # file name → schema
for path in sorted(glob.glob(os.path.join(API_DIR, "*.schema.json"))):
    with open(path, encoding="utf-8") as f:
        SCHEMAS[os.path.basename(path)] = json.load(f)
with open(os.path.join(API_DIR, "openapi.yaml"), encoding="utf-8") as f:
    OPENAPI = yaml.safe_load(f)
STORE = {BASE + name: schema for name, schema in SCHEMAS.items()}
STORE[BASE + "openapi.yaml"] = OPENAPI
USED = set()  # schema files some document was validated against

try:  # jsonschema 4.18 and later resolve references through a registry
    import referencing
    import referencing.jsonschema

    REGISTRY = referencing.Registry().with_resources(
        (uri, referencing.jsonschema.DRAFT202012.create_resource(doc)) for uri, doc in STORE.items())
except ImportError:  # Debian 12's 4.10
    REGISTRY = None


def validator(schema):
    cls = jsonschema.Draft202012Validator
    if REGISTRY is not None:
        return cls(schema, registry=REGISTRY, format_checker=FORMATS)
    resolver = jsonschema.RefResolver(BASE, schema, store=STORE)
    return cls(schema, resolver=resolver, format_checker=FORMATS)


VALIDATORS = {}


def errors_of(document, ref):
    """The validation errors of `document` against `ref`, a schema file name with an optional
    #fragment, or an openapi.yaml JSON pointer."""
    if ref not in VALIDATORS:
        VALIDATORS[ref] = validator({"$ref": BASE + ref})
    return sorted(VALIDATORS[ref].iter_errors(document), key=lambda e: list(e.absolute_path))


def valid(document, ref, what):
    USED.add(ref.split("#")[0])
    errors = errors_of(document, ref)
    detail = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}"
                       for e in errors[:5])
    return check(not errors, f"{what}: valid against {ref}" + (f" — {detail}" if errors else ""))


def invalid(document, ref, what):
    return check(bool(errors_of(document, ref)), f"{what}: {ref} refuses it")


def test_schemas_themselves():
    for name, schema in SCHEMAS.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
            ok = True
        except jsonschema.SchemaError as e:
            ok = False
            print(f"  {name}: {e.message}")
        check(ok, f"{name} is a valid Draft 2020-12 schema")
        check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema",
              f"{name} declares Draft 2020-12")
        check(schema.get("$id") == BASE + name, f"{name} has the $id {BASE + name}")
    check(str(OPENAPI.get("openapi", "")).startswith("3.1"), "openapi.yaml is OpenAPI 3.1")
    # What reclaimctl help case act prints: every action named, described and placed in the
    # lifecycle, every field of its own described.
    actions = SCHEMAS["case-act-request.schema.json"]["oneOf"]
    names = [a.get("title") for a in actions]
    check(names == SCHEMAS["common.schema.json"]["$defs"]["action"]["enum"],
          "case-act-request.schema.json has one entry per action, in order")
    for a in actions:
        check(all(k in a for k in ("description", "x-roles", "x-from", "x-to")),
              f"case act {a.get('title')}: description, x-roles, x-from, x-to")
        own = [k for k in a["properties"]
               if k not in ("action", "actor", "expected_version", "idempotency_key")]
        check(all("description" in a["properties"][k] for k in own),
              f"case act {a.get('title')}: each of its fields {own} is described")
    # Every reference of every document resolves.
    for uri, doc in STORE.items():
        for ref in references(doc):
            target = ref if "://" in ref else (uri.rsplit("/", 1)[0] + "/" + ref.lstrip("./")
                                              if not ref.startswith("#") else uri + ref)
            try:
                validator({"$ref": target}).is_valid(None)
                ok = True
            except Exception as e:  # noqa: BLE001  (an unresolvable reference, whatever its kind)
                ok = False
                print(f"  {ref} in {uri}: {e}")
            check(ok, f"{uri.rsplit('/', 1)[1]}: $ref {ref} resolves")


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def tampered(document, ref, what):
    """The schema is strict: the document with an unknown member, or without a required one,
    is refused. Guards against a schema that accepts anything."""
    extra = copy.deepcopy(document)
    extra["x_not_a_member"] = 1
    invalid(extra, ref, f"{what} with an unknown member")
    for key in list(document)[:1]:
        missing = copy.deepcopy(document)
        del missing[key]
        invalid(missing, ref, f"{what} without {key}")


# --- The C ABI --------------------------------------------------------------------------------

EXERCISED = set()  # the ABI functions called


def request(document, schema, what):
    """A request the test sends: it must satisfy its schema first."""
    valid(document, schema, f"{what} (request)")
    return document


def result(function, schema, call, what=""):
    """Calls the binding; the result document must satisfy `schema`. None on an error."""
    EXERCISED.add(function)
    label = f"{function} {what}".strip()
    try:
        document = call()
    except reclaim.ReclaimError as e:
        if e.document is not None:
            valid(e.document, "error.schema.json", f"{label}: error document")
        check(False, f"{label} succeeds ({e})")
        return None
    valid(document, schema, label)
    return document


def error(function, call, code, what="", field=None, rule=None):
    """Calls the binding expecting a failure; its error document must satisfy error.schema.json."""
    EXERCISED.add(function)
    label = f"{function} {what}".strip()
    try:
        call()
    except reclaim.ReclaimError as e:
        check(e.code == code, f"{label}: {code} expected, got {e.code} ({e.message})")
        if e.document is not None:
            valid(e.document, "error.schema.json", f"{label}: error document")
        if field is not None:
            check(e.field == field, f"{label}: field {field} expected, got {e.field}")
        if rule is not None:
            got = (e.document or {}).get("error", {}).get("rule")
            check(got == rule, f"{label}: rule {rule} expected, got {got}")
        return e
    check(False, f"{label}: {code} expected, it succeeded")
    return None


def fixture(relative):
    """A host's order document from tests/fixtures/hosts, as text."""
    with open(os.path.join(FIXTURES, "hosts", relative), encoding="utf-8") as f:
        return f.read()


CONFIG = {
    "database": "sqlite::memory:",
    "clock": "manual",
    "log": {"level": "off"},
    "storage": {"synchronous": "normal", "busy_timeout_ms": 5000, "pool": 2},
    "scheduler": {"enabled": False, "tick_seconds": 60},
    "shops": [
        {"id": "default", "name": "Sklep Demo", "jurisdiction": "PL", "timezone": "Europe/Warsaw",
         "currency": "PLN", "locale": "pl", "case_prefix": "RC",
         "public_url": "https://shop.example/returns",
         "targets": {"handling_hours": 48, "satisfaction": 0.8, "repeat_rate": 0.1},
         "order_mapping": {"order": "/1", "id": "/id", "currency": "/currency",
                           "lines": "/line_items",
                           "line": {"id": "/id", "name": "/name", "qty": "/quantity",
                                    "line_total": {"pointer": "/total", "convert": "decimal"}}}},
        {"id": "ru", "jurisdiction": "RU", "timezone": "Europe/Moscow", "currency": "RUB",
         "locale": "ru", "case_prefix": "RU"},
    ],
}

ORDER = {
    "id": "1001", "number": "#1001", "currency": "PLN",
    "placed_at": "2026-11-10T10:00:00Z", "paid_at": "2026-11-10T10:05:00Z",
    "shipped_at": "2026-11-11T08:00:00+01:00", "delivered_at": "2026-11-12T12:00:00Z",
    "customer": {"email": "jan@example.pl", "name": "Jan Kowalski", "locale": "pl",
                 "type": "consumer", "phone": "+48 600 000 000"},
    "lines": [
        {"id": "1", "sku": "KET-1", "name": "Czajnik", "qty": 3, "unit_price": "199.99",
         "tax_rate": "23", "category": "kitchen", "tags": ["sale"], "supplier": "Elektro",
         "refunded_qty": 0},
        {"id": 2, "sku": "FIL-2", "name": "Filtr", "qty": 9, "unit_price": "19.99",
         "tax_rate": "23", "category": "kitchen"},
    ],
    "shipping": {"amount": "15.00", "method": "courier"},
    "extra": {"host_status": "completed"},
}
CUSTOMER = {"role": "customer"}
AGENT = {"role": "agent", "id": "anna"}
SUPERVISOR = {"role": "supervisor", "id": "eva"}
HOST = {"role": "host", "id": "shop"}
SYSTEM = {"role": "system", "id": "cron"}


def test_library():
    EXERCISED.update({"reclaim_version", "reclaim_abi_version", "reclaim_status_name",
                      "reclaim_free"})
    check(re.match(r"^\d+\.\d+\.\d+$", reclaim.version(LIBRARY)) is not None, "reclaim_version")
    check(reclaim.status_name(reclaim.UNSUPPORTED, LIBRARY) == "unsupported", "reclaim_status_name")
    codes = SCHEMAS["error.schema.json"]["properties"]["error"]["properties"]["code"]["enum"]
    check(codes == [reclaim.status_name(s, LIBRARY) for s in range(1, 9)],
          "error.schema.json's codes are the status names of 1–8, in order")


def open_engine():
    EXERCISED.add("reclaim_open")
    # (config, accepted by the schema, status, field)
    for bad, schema_ok, code, field in (
            ({"database": "sqlite::memory:", "colour": "red"}, False, "invalid_argument", "colour"),
            ({"database": "mysql://db/x"}, False, "invalid_argument", "database"),
            ({"database": "sqlite::memory:", "shops": [{"id": "x", "timezone": "Mars/Base"}]},
             True, "invalid_argument", "shops[0].timezone"),
            ({"database": "sqlite:/nonexistent/dir/x.db"}, True, "storage", "database")):
        if schema_ok:
            request(bad, "open-config.schema.json", f"a config refused with {code}")
        else:
            invalid(bad, "open-config.schema.json", f"a config with a bad {field}")
        error("reclaim_open", lambda b=bad: reclaim.Engine(b, library=LIBRARY), code,
              f"refusing {field}", field=field)
    engine = None

    def opened():
        nonlocal engine
        engine = reclaim.Engine(request(CONFIG, "open-config.schema.json", "config"),
                                library=LIBRARY)
        return engine.info

    info = result("reclaim_open", "open-result.schema.json", opened)
    if info:
        tampered(info, "open-result.schema.json", "reclaim_open's result")
        check(info["shops"] == ["default", "ru"] and info["clock"] == "manual",
              "reclaim_open: the shops and the clock")
    return engine


POLICY = {
    "applies_from": "2026-11-01", "party": "consumer",
    "return_window_days": 30, "return_window_from": "delivered_at",
    "withdrawal_information_given": True, "guarantee_months": 24,
    "non_returnable": {"categories": ["food"], "skus": ["GIFT-1"], "tags": ["final-sale"]},
    "statutory_exceptions": {"sealed_hygiene": {"categories": ["cosmetics"], "skus": [],
                                                "tags": []}},
    "evidence": {"defect": ["photo", "receipt"], "transport_damage": ["photo"]},
    "resolutions": {"return": ["refund", "store_credit"]},
    "resolutions_by_reason": {"changed_mind": ["refund"]},
    "decision_limits": {"agent": {"PLN": "500.00"}},
    "restocking_fee_percent": "0", "return_shipping_paid_by": "shop",
    "sla": {"first_response_hours": 24, "decision_days": 7, "resolution_days": 21},
    "replacement_quality_check": False, "warn_before_hours": [72, 24], "appeal_days": 14,
    "holidays": {"extra": ["2026-12-31"], "working": []},
    "abuse": {"window_days": 365, "max_returns": 10, "max_return_value": {"PLN": "2000.00"},
              "max_return_rate": "0.5", "rate_min_orders": 3, "max_no_receipt": 5,
              "block": {"emails": [], "customers": ["cust-blocked"], "addresses": []},
              "allow": {"emails": ["vip@example.pl"]}, "refuse_voluntary_returns": False},
}


def test_policies(engine):
    got = result("reclaim_policy_get", "policy-get-result.schema.json",
                 lambda: engine.get_policy(), "of the preset")
    if got:
        check(got["preset"] is True and got["policy"]["applies_from"] is None,
              "reclaim_policy_get: the preset until one is set")
        tampered(got, "policy-get-result.schema.json", "reclaim_policy_get's result")
    set_ = result("reclaim_policy_set", "policy-set-result.schema.json",
                  lambda: engine.set_policy(request(POLICY, "policy-set-request.schema.json",
                                                    "policy"), shop="default"))
    if set_:
        valid(set_["policy"], "policy-set-request.schema.json",
              "the stored policy, given back as a request")
    later = {"applies_from": "2027-01-01", "return_window_days": 60,
             "resolutions": {"return": ["refund"]}}
    result("reclaim_policy_set", "policy-set-result.schema.json",
           lambda: engine.set_policy(request(later, "policy-set-request.schema.json",
                                             "a later policy")), "from 2027")
    got = result("reclaim_policy_get", "policy-get-result.schema.json",
                 lambda: engine.get_policy("default"), "with one scheduled")
    if got:
        check(not got["preset"] and len(got["scheduled"]) == 1, "the later policy is scheduled")
    strict = {"return_window_days": 3}
    request(strict, "policy-set-request.schema.json", "a policy stricter than the law")
    error("reclaim_policy_set", lambda: engine.set_policy(strict), "not_allowed",
          "stricter than the law", field="return_window_days",
          rule="return_window_shorter_than_law")
    invalid({"return_window_days": 30, "colour": "red"}, "policy-set-request.schema.json",
            "a policy with an unknown member")
    invalid({"colour": "red"}, "policy-set-request.schema.json", "a policy of one unknown member")
    error("reclaim_policy_set", lambda: engine.set_policy({"colour": "red"}), "invalid_argument",
          "with an unknown member", field="colour")
    error("reclaim_policy_get", lambda: engine.get_policy("nosuch"), "not_found",
          "of an unknown shop", field="shop")


def import_ok(engine, adapter, document, what, shop=None):
    if adapter == "reclaim":
        request(document, "order.schema.json", what)
    done = result("reclaim_order_import", "order-import-result.schema.json",
                  lambda: engine.import_order(adapter, document, shop=shop), what)
    if done:
        valid(done["order"], "order.schema.json", f"{what}: the stored order as a request")
    return done


def test_orders(engine):
    orders = {}
    done = import_ok(engine, "reclaim", ORDER, "Reclaim's own order")
    if done:
        check(done["created"] and done["adapter"] == "reclaim", "a new order is created")
        tampered(done, "order-import-result.schema.json", "reclaim_order_import's result")
    again = import_ok(engine, "reclaim", ORDER, "the same order again")
    if again:
        check(not again["created"], "a re-import replaces")
    for adapter, file in (("woocommerce", "woocommerce/order-retrieve-response.json"),
                          ("shopify", "shopify/apijs-2024-04-order-get-450789469-response.json"),
                          ("magento2", "magento2/ours-order-configurable-bundle.json"),
                          ("prestashop", "prestashop/ours-order-5.xml"),
                          ("shopware6", "shopware6/ours-admin-order.json"),
                          ("medusa", "medusa/ours-v2-admin-order.json"),
                          ("generic", "woocommerce/orders-list-response.json")):
        done = import_ok(engine, adapter, fixture(file), f"a {adapter} order")
        if done:
            orders[adapter] = done["order"]
    ru = {"id": "R-1", "currency": "RUB", "placed_at": "2026-11-01T10:00:00Z",
          "delivered_at": "2026-11-03T10:00:00Z",
          "customer": {"email": "ivan@example.ru", "locale": "ru", "type": "consumer"},
          "lines": [{"id": "1", "name": "Чайник", "qty": 1, "unit_price": "5000.00"}]}
    import_ok(engine, "reclaim", ru, "a Russian order", shop="ru")
    got = result("reclaim_order_get", "order-get-result.schema.json",
                 lambda: engine.get_order("1001"))
    if got:
        valid(got, "order.schema.json", "reclaim_order_get's result as a request")
        tampered(got, "order-get-result.schema.json", "reclaim_order_get's result")
    error("reclaim_order_get", lambda: engine.get_order("nosuch"), "not_found", "of a missing order")
    error("reclaim_order_import", lambda: engine.import_order("nosuch", ORDER), "unsupported",
          "with an unknown adapter", field="adapter")
    bad = dict(ORDER, lines=[dict(ORDER["lines"][0], colour="red")])
    invalid(bad, "order.schema.json", "an order line with an unknown member")
    error("reclaim_order_import", lambda: engine.import_order("reclaim", bad), "invalid_argument",
          "of a line with an unknown member", field="lines[0].colour")
    error("reclaim_order_import", lambda: engine.import_order("reclaim", "{\"id\":"),
          "invalid_argument", "of text that is not JSON")
    return orders


def test_eligibility(engine):
    for kind, line, reason, evidence in (("return", 2, "changed_mind", None),
                                         ("complaint", "1", "defect", ["photo"])):
        item = {"line": line, "qty": 1, "reason": reason}
        if evidence is not None:
            item["evidence"] = evidence
        asked = request({"shop": "default", "order_id": "1001", "kind": kind, "locale": "en",
                         "items": [item, {"line": "99"}]},
                        "eligibility-request.schema.json", f"an eligibility check ({kind})")
        got = result("reclaim_eligibility_check", "eligibility-result.schema.json",
                     lambda a=asked: engine.check_eligibility(a), f"of a {kind}")
        if got:
            check(got["items"][0]["eligible"] and got["items"][1]["code"] == "line_not_found",
                  f"eligibility of a {kind}: the line, and a missing one")
            tampered(got, "eligibility-result.schema.json", "reclaim_eligibility_check's result")
    missing = request({"order_id": 4040, "kind": "return", "items": [{"line": "1"}]},
                      "eligibility-request.schema.json", "an eligibility check of a missing order")
    error("reclaim_eligibility_check", lambda: engine.check_eligibility(missing), "not_found",
          "of a missing order", field="order_id")
    invalid({"order_id": "1001", "kind": "return", "items": []}, "eligibility-request.schema.json",
            "an eligibility check without items")
    error("reclaim_eligibility_check",
          lambda: engine.check_eligibility({"order_id": "1001", "kind": "return", "items": []}),
          "invalid_argument", "without items", field="items")


ACT_SCHEMA = SCHEMAS["case-act-request.schema.json"]
ACTIONS = {branch["title"]: branch for branch in ACT_SCHEMA["oneOf"]}
STATES_REACHED = {}  # action → states it led to


def open_case(engine, document, what):
    request(document, "case-open-request.schema.json", what)
    got = result("reclaim_case_open", "case.schema.json", lambda: engine.open_case(document), what)
    return got


def act(engine, case, action, actor, what="", **fields):
    """One action, checked against its schema entry (fields, state reached)."""
    document = {"action": action, "actor": actor, "expected_version": case["version"], **fields}
    request(document, "case-act-request.schema.json", f"{action} {what}".strip())
    got = result("reclaim_case_act", "case.schema.json",
                 lambda: engine.act(case["number"], document), f"{action} {what}".strip())
    if got is None:
        return case
    expected = ACTIONS[action]["x-to"]
    check(got["state"] == (expected or case["state"]) or
          (action == "receive_goods" and got["state"] == "waiting_for_goods"),
          f"{action}: case-act-request.schema.json says it leads to {expected or 'no change'}, "
          f"the case is {got['state']}")
    check(got["version"] == case["version"] + 1, f"{action}: one version more")
    STATES_REACHED.setdefault(action, set()).add(got["state"])
    return got


def words(text):
    """"a, b or c" → [a, b, c] (the library's lists in messages)."""
    return re.split(r", | or ", text)


def test_action_table(engine, cancelled):
    """x-roles and x-from of each action, against the library's own refusals on a cancelled case
    (in which no action is allowed): a role that may not act is told who may; one that may is told
    the states the action needs."""
    samples = {"request_info": {"message": "?"}, "reply": {"message": "!"},
               "reject": {"reason": "no"}, "reopen": {"reason": "again"}, "rate": {"score": 4},
               "comment": {"message": "note"}, "set_priority": {"priority": "low"},
               "accept": {"resolution": {"type": "refund"}}, "receive_goods": {"condition": "used"},
               "legal_hold": {"hold": True, "reason": "a dispute"},
               "claim_supplier": {"supplier": "Elektro"}, "supplier_answer": {"answer": "accepted"}}
    roles = SCHEMAS["common.schema.json"]["$defs"]["role"]["enum"]
    for action, branch in ACTIONS.items():
        fields = samples.get(action, {})
        outsider = next((r for r in roles if r not in branch["x-roles"]), None)
        if outsider is not None:
            document = request({"action": action, "actor": {"role": outsider}, **fields},
                               "case-act-request.schema.json", f"{action} by {outsider}")
            e = error("reclaim_case_act", lambda d=document: engine.act(cancelled, d),
                      "not_allowed", f"{action} by {outsider}", rule="role_not_allowed")
            m = e and re.match(r"^\w+ may be taken by (.*), not by \w+$", e.message)
            check(bool(m) and words(m.group(1)) == branch["x-roles"],
                  f"{action}: x-roles {branch['x-roles']} are the library's "
                  f"({e.message if e else '-'})")
        if "cancelled" in branch["x-from"]:
            continue  # allowed in every state (renew_link): test_cases takes it on this case
        document = request({"action": action, "actor": {"role": branch["x-roles"][0]}, **fields},
                           "case-act-request.schema.json", f"{action} on a cancelled case")
        e = error("reclaim_case_act", lambda d=document: engine.act(cancelled, d), "not_allowed",
                  f"{action} on a cancelled case", rule="state_not_allowed")
        m = e and re.search(r"\(only in (.*)\)$", e.message)
        check(bool(m) and words(m.group(1)) == branch["x-from"],
              f"{action}: x-from {branch['x-from']} are the library's ({e.message if e else '-'})")


def test_cases(engine):
    cases = {}
    first = {
        "shop": "default", "kind": "complaint", "channel": "web", "actor": CUSTOMER,
        "order_id": "1001",
        "customer": {"email": "jan@example.pl", "name": "Jan Kowalski", "locale": "pl",
                     "phone": "+48 600 000 000"},
        "items": [{"line": "1", "qty": 2, "reason": "defect", "serial": "SN-1", "note": "hums"}],
        "description": "Czajnik nie grzeje.", "preferred_resolution": "replacement",
        "idempotency_key": "open-a", "extra": {"ticket": 17}}
    a = open_case(engine, first, "a customer's complaint")
    if a is None:
        return cases
    tampered(a, "case.schema.json", "a case")
    again = open_case(engine, copy.deepcopy(first), "replayed")
    check(again is not None and again["id"] == a["id"], "the same idempotency key: the same case")
    a = act(engine, a, "review", AGENT)
    a = act(engine, a, "request_info", AGENT, message="Prosimy o zdjęcie.")
    a = act(engine, a, "reply", CUSTOMER, message="W załączeniu.")
    a = act(engine, a, "comment", AGENT, "to the customer", message="Dziękujemy.",
            customer_visible=True)
    a = act(engine, a, "comment", SUPERVISOR, "for staff", message="Check the batch.")
    a = act(engine, a, "assign", SUPERVISOR, "to anna", assignee="anna")
    a = act(engine, a, "assign", AGENT, "to nobody", assignee=None)
    a = act(engine, a, "escalate", AGENT, reason="second defect", to="supervisor")
    a = act(engine, a, "set_priority", AGENT, priority="high")
    a = act(engine, a, "tag", AGENT, add=["batch-7", "kettle"], remove=["kettle"])
    a = act(engine, a, "authorize_return", AGENT, instructions="Odeślij kurierem.")
    a = act(engine, a, "receive_goods", AGENT, "of one unit",
            items=[{"item": 1, "qty": 1, "condition": "damaged"}])
    a = act(engine, a, "receive_goods", HOST, "of the rest", condition="used")
    a = act(engine, a, "accept", SUPERVISOR, "of one unit",
            items=[{"line": "1", "qty": 1, "resolution": {"type": "refund"}}],
            reason="the other unit works",
            explanation="Zwracamy pieniądze za uszkodzoną sztukę; druga działa.")
    a = act(engine, a, "fulfil", HOST, reference="REFUND-1")
    a = act(engine, a, "rate", CUSTOMER, score=5, comment="Szybko.")
    rated = request({"action": "rate", "actor": CUSTOMER, "score": 1},
                    "case-act-request.schema.json", "a second rating")
    error("reclaim_case_act", lambda: engine.act(a["id"], rated), "not_allowed", "rate twice",
          rule="already_rated")
    a = act(engine, a, "close", AGENT)
    a = act(engine, a, "reopen", CUSTOMER, reason="Nadal nie działa.")
    a = act(engine, a, "reject", AGENT, reason="Uszkodzenie mechaniczne.")
    a = act(engine, a, "close", SYSTEM, "by the system")
    cases["a"] = a

    b = open_case(engine, {"kind": "return", "actor": CUSTOMER, "order_id": "1001",
                           "customer": {"email": "JAN@example.pl"},
                           "items": [{"line": "2", "qty": 1, "reason": "changed_mind"}]},
                  "a customer's return")
    if b:
        b = act(engine, b, "cancel", CUSTOMER, reason="Zmiana planów.")
        cases["b"] = b
        test_action_table(engine, b["id"])
        renewed = act(engine, b, "renew_link", CUSTOMER, "on a cancelled case")
        check(renewed.get("link_version") == 1 and renewed["status_token"] != b["status_token"],
              "renew_link: a new link version and status token")
        cases["b"] = renewed
    c = open_case(engine, {"kind": "complaint", "actor": AGENT, "channel": "phone",
                           "customer": {"email": "ola@example.pl", "name": "Ola",
                                        "type": "consumer"},
                           "items": [{"sku": "OLD-1", "name": "Toster", "qty": 1,
                                      "unit_price": "99.00", "currency": "PLN",
                                      "reason": "defect"}]},
                  "a staff case without an order")
    if c:
        c = act(engine, c, "accept", AGENT, "of a partial refund",
                resolution={"type": "partial_refund", "amount": "20.00", "currency": "PLN"})
        cases["c"] = c
    d = open_case(engine, {"kind": "complaint", "actor": CUSTOMER, "order_id": "1001",
                           "customer": {"email": "jan@example.pl"},
                           "items": [{"line": 2, "qty": 1, "reason": "defect"}],
                           "preferred_resolution": "refund"},
                  "a complaint left undecided")
    if d:
        cases["d"] = d
    r = open_case(engine, {"shop": "ru", "kind": "complaint", "actor": CUSTOMER,
                           "order_id": "R-1", "customer": {"email": "ivan@example.ru"},
                           "items": [{"line": "1", "qty": 1, "reason": "defect"}],
                           "preferred_resolution": "refund"},
                  "a Russian refund demand")
    if r:
        cases["r"] = r

    # Refusals, each with its error document.
    stale = request({"action": "review", "actor": AGENT, "expected_version": 1},
                    "case-act-request.schema.json", "an action on a stale version")
    if d:
        d2 = act(engine, d, "comment", AGENT, "making the case move on", message="seen")
        error("reclaim_case_act", lambda: engine.act(d["id"], stale), "conflict",
              "with a stale expected_version", field="expected_version")
        cases["d"] = d2
    bad = {"action": "review", "actor": AGENT, "mesage": "hi"}
    invalid(bad, "case-act-request.schema.json", "an action with a misspelt field")
    error("reclaim_case_act", lambda: engine.act(a["id"], bad), "invalid_argument",
          "with a misspelt field", field="mesage")
    over = {"kind": "complaint", "actor": CUSTOMER, "order_id": "1001",
            "customer": {"email": "jan@example.pl"},
            "items": [{"line": "1", "qty": 3, "reason": "defect"}]}
    request(over, "case-open-request.schema.json", "a case beyond the bought quantity")
    error("reclaim_case_open", lambda: engine.open_case(over), "not_allowed",
          "beyond the bought quantity", field="items[0].qty", rule="quantity_exceeded")
    stranger = dict(over, customer={"email": "eve@example.com"},
                    items=[{"line": "1", "qty": 1, "reason": "defect"}])
    error("reclaim_case_open", lambda: engine.open_case(stranger), "not_allowed",
          "with another e-mail", field="customer.email", rule="email_mismatch")
    no_order = {"kind": "complaint", "actor": CUSTOMER,
                "items": [{"name": "X", "qty": 1, "reason": "defect"}]}
    invalid(no_order, "case-open-request.schema.json", "a customer's case without an order")
    error("reclaim_case_open", lambda: engine.open_case(no_order), "not_allowed",
          "by a customer without an order", field="order_id", rule="order_required")
    error("reclaim_case_get", lambda: engine.get_case("RC-1999-000001"), "not_found",
          "of a missing case")

    got = result("reclaim_case_get", "case.schema.json", lambda: engine.get_case(a["number"]),
                 "by number")
    if got:
        check(len(got["history"]) > 20 and got["state"] == "closed", "case get: the whole story")
    if r:
        result("reclaim_case_get", "case.schema.json", lambda: engine.get_case(r["id"]), "by id")
    return cases


def test_lists(engine):
    query = request({"shop": "default", "state": ["closed", "cancelled", "received", "in_review"],
                     "kind": "complaint", "sort": "-updated_at", "limit": 1},
                    "case-list-query.schema.json", "a case list")
    got = result("reclaim_case_list", "case-list-result.schema.json",
                 lambda: engine.list_cases(query), "of one page")
    if got:
        check(len(got["cases"]) == 1 and got["next_cursor"], "case list: a page and a cursor")
        tampered(got, "case-list-result.schema.json", "reclaim_case_list's result")
        following = request(dict(query, cursor=got["next_cursor"]),
                            "case-list-query.schema.json", "the next page")
        result("reclaim_case_list", "case-list-result.schema.json",
               lambda: engine.list_cases(following), "of the next page")
    every = request({"created_from": "2026-11-01T00:00:00+01:00",
                     "created_to": "2027-01-01T00:00:00Z", "customer_email": "jan@example.pl",
                     "order_id": 1001, "overdue": False, "assignee": None},
                    "case-list-query.schema.json", "a filtered case list")
    result("reclaim_case_list", "case-list-result.schema.json", lambda: engine.list_cases(every),
           "filtered")
    result("reclaim_case_list", "case-list-result.schema.json", lambda: engine.list_cases(None),
           "of everything")
    invalid({"state": "lost"}, "case-list-query.schema.json", "a case list of an unknown state")
    error("reclaim_case_list", lambda: engine.list_cases({"state": "lost"}), "invalid_argument",
          "of an unknown state", field="state")


def test_payloads(engine, orders, cases):
    for adapter, order in orders.items():
        line = next((l for l in order["lines"] if l["qty"] - l["refunded_qty"] >= 1), None)
        if not check(line is not None, f"the {adapter} order has a line to claim"):
            continue
        case = open_case(engine, {"kind": "complaint", "actor": AGENT, "order_id": order["id"],
                                  "items": [{"line": line["id"], "qty": 1, "reason": "defect"}]},
                         f"a case on the {adapter} order")
        if case is None:
            continue
        if adapter == "woocommerce":
            error("reclaim_host_payload", lambda c=case: engine.host_payload(c["id"], adapter),
                  "not_allowed", "of an undecided case", field="case_ref")
        case = act(engine, case, "accept", SUPERVISOR, f"of the {adapter} case",
                   resolution={"type": "refund"})
        got = result("reclaim_host_payload", "host-payload-result.schema.json",
                     lambda c=case, a=adapter: engine.host_payload(c["number"], a), f"for {adapter}")
        if got:
            check(got["adapter"] == adapter and got["order_id"] == order["id"],
                  f"the {adapter} payload names its order")
            tampered(got, "host-payload-result.schema.json", f"the {adapter} payload")
        if adapter == "woocommerce":
            error("reclaim_host_payload", lambda c=case: engine.host_payload(c["id"], "nosuch"),
                  "unsupported", "for an unknown adapter", field="adapter")
            error("reclaim_host_payload", lambda c=case: engine.host_payload(c["id"], "shopify"),
                  "invalid_argument", "for another host's adapter", field="adapter")
            error("reclaim_host_payload", lambda c=case: engine.host_payload(c["id"], "reclaim"),
                  "unsupported", "for the reclaim adapter", field="adapter")
    test_exchange_payload(engine, orders.get("woocommerce"))
    test_supplier_claim(engine)
    if "c" in cases:
        error("reclaim_host_payload", lambda: engine.host_payload(cases["c"]["id"], "generic"),
              "not_allowed", "of a case without an order", field="case_ref")


def test_exchange_payload(engine, order):
    """An exchange for dearer goods: the case carries the difference, WooCommerce gets a new order."""
    if order is None:
        return
    line = next((l for l in order["lines"] if l["qty"] - l["refunded_qty"] >= 2), None)
    if not check(line is not None, "the woocommerce order has a line for an exchange"):
        return
    case = open_case(engine, {"kind": "return", "actor": AGENT, "order_id": order["id"],
                              "items": [{"line": line["id"], "qty": 1, "reason": "size_or_fit"}]},
                     "an exchange case on the woocommerce order")
    if case is None:
        return
    case = act(engine, case, "accept", SUPERVISOR, "as an exchange",
               resolution={"type": "exchange", "sku": "HOODIE-L", "name": "Hoodie L",
                           "unit_price": "99.99", "currency": order["currency"],
                           "variant_id": "93"})
    given = case["items"][0]["decision"]["resolution"] if case.get("items") else {}
    check(given.get("price_difference", {}).get("settle") == "charge",
          "a dearer exchange leaves a difference to charge")
    got = result("reclaim_host_payload", "host-payload-result.schema.json",
                 lambda: engine.host_payload(case["number"], "woocommerce"), "for an exchange")
    if got:
        check([r["path"] for r in got["requests"]] == ["/wp-json/wc/v3/orders"],
              "a dearer exchange on WooCommerce is one new order and no refund")
        check(got.get("exchange", {}).get("to_charge") not in (None, "0.00"),
              "the exchange block says what to charge")
        tampered(got, "host-payload-result.schema.json", "the exchange payload")


def test_supplier_claim(engine):
    """A claim against the supplier, answered: the case and its events against their schemas."""
    case = open_case(engine, {"kind": "complaint", "actor": AGENT,
                              "customer": {"email": "marta@example.pl"},
                              "items": [{"sku": "KET-9", "name": "Czajnik", "qty": 1,
                                         "unit_price": "99.00", "currency": "PLN",
                                         "reason": "defect"}]},
                     "a complaint without an order, to claim from the supplier")
    if case is None:
        return
    case = act(engine, case, "claim_supplier", AGENT, "for the defective unit",
               supplier="Hurtownia", reference="RK/1", message="internal note")
    claims = case.get("supplier_claims") or [{}]
    check(claims[0].get("answer") is None and claims[0].get("overdue") is False,
          "a new supplier claim is open and not late")
    case = act(engine, case, "supplier_answer", SUPERVISOR, "accepted",
               answer="accepted", amount="10.00", currency="PLN")
    claims = case.get("supplier_claims") or [{}]
    check(claims[0].get("recovered", {}).get("amount") == "10.00",
          "the supplier's answer records what was recovered")
    error("reclaim_case_act",
          lambda: engine.act(case["id"], {"action": "supplier_answer", "actor": SUPERVISOR,
                                          "answer": "rejected"}),
          "not_allowed", "with no open supplier claim", rule="no_open_claim")


def read_all_events(engine, what):
    events, after = [], 0
    while True:
        query = request({"after": after, "limit": 50, "shop": None}, "events-query.schema.json",
                        f"events after {after}")
        page = result("reclaim_events_read", "events-result.schema.json",
                      lambda q=query: engine.read_events(q), f"{what}, after {after}")
        if not page or not page["events"]:
            return events
        events += page["events"]
        after = page["next"]


def test_events(engine, cases):
    events = read_all_events(engine, "every event")
    seen = {e["type"] for e in events}
    # case.anonymised comes with an erasure, at the end (test_privacy).
    types = set(SCHEMAS["events-result.schema.json"]["$defs"]["event"]["properties"]["type"]["enum"]) - {"case.anonymised"}
    check(seen == set(types), f"every event type of events-result.schema.json was written and "
                              f"validated (missing: {sorted(set(types) - seen)})")
    check(any(e["type"] == "case.state_changed" and "correction" in e["data"] for e in events),
          "a fulfilled refund's case.state_changed carries its correction data (validated above)")
    if "a" in cases:
        query = request({"case_id": cases["a"]["id"], "limit": 1000},
                        "events-query.schema.json", "one case's events")
        got = result("reclaim_events_read", "events-result.schema.json",
                     lambda: engine.read_events(query), "of one case")
        if got:
            tampered(got, "events-result.schema.json", "reclaim_events_read's result")
    error("reclaim_events_read", lambda: engine.read_events({"limit": 0}), "invalid_argument",
          "with limit 0", field="limit")
    invalid({"limit": 0}, "events-query.schema.json", "an events query with limit 0")


def test_tick(engine, cases):
    got = result("reclaim_tick", "tick-result.schema.json", lambda: engine.tick(), "at the start")
    if got:
        tampered(got, "tick-result.schema.json", "reclaim_tick's result")
    EXERCISED.add("reclaim_clock_set")
    engine.set_clock(T0 + 20 * 86_400_000)
    got = result("reclaim_tick", "tick-result.schema.json", lambda: engine.tick(), "20 days later")
    check(bool(got) and got["events"] > 0, "the tick sent alerts")
    if "d" in cases:
        d = result("reclaim_case_get", "case.schema.json", lambda: engine.get_case(cases["d"]["id"]),
                   "deemed accepted")
        check(bool(d) and d["resolution"]["deemed"], "a silent Polish complaint is deemed accepted")
    if "r" in cases:
        r = result("reclaim_case_get", "case.schema.json", lambda: engine.get_case(cases["r"]["id"]),
                   "late in Russia")
        check(bool(r) and "penalty" in r["deadlines"], "a late Russian demand shows its penalty")
    try:
        engine.set_clock(-1)
        check(False, "reclaim_clock_set refuses a time before 1970")
    except reclaim.InvalidArgument:
        check(True, "reclaim_clock_set refuses a time before 1970")


def test_reports(engine):
    for query in ({"shop": "default", "from": "2026-11-01", "to": "2026-12-31",
                   "kind": "complaint", "group_by": "reason", "format": "json", "locale": "pl",
                   "limit": 5, "min_units_sold": 1},
                  {"group_by": "sku", "from": "2026-11-01"},
                  {"shop": "default", "group_by": "month", "format": "csv", "from": "2026-11-01"},
                  {"shop": "default", "format": "html", "locale": "en", "from": "2026-11-01"},
                  None):
        if query is not None:
            request(query, "report-query.schema.json", f"a report {query}")
        got = result("reclaim_report", "report-result.schema.json",
                     lambda q=query: engine.report(q), f"{(query or {}).get('format', 'json')} "
                                                       f"by {(query or {}).get('group_by', 'none')}")
        if got and "groups" in got:
            tampered(got, "report-result.schema.json", "a JSON report")
            check(query is None or "shop" in query or got["shop"] is None,
                  "a report of every shop names none")
    bad = {"from": "2026-12-01", "to": "2026-11-01"}
    request(bad, "report-query.schema.json", "a report whose to is before its from")
    error("reclaim_report", lambda: engine.report(bad), "invalid_argument", "to before from",
          field="to")
    request({"shop": "nosuch"}, "report-query.schema.json", "a report of an unknown shop")
    error("reclaim_report", lambda: engine.report({"shop": "nosuch"}), "not_found",
          "of an unknown shop", field="shop")
    invalid({"format": "pdf"}, "report-query.schema.json", "a report in an unknown format")


# --- The HTTP JSON API ------------------------------------------------------------------------

def operation(method, path):
    """The openapi.yaml path template and operation that serve `path`."""
    for template, item in OPENAPI["paths"].items():
        pattern = "^" + re.sub(r"\\{[a-z_]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    return None, None


def pointer(*parts):
    return "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def response_checked(method, path, status, content_type, body, sent=None, what="",
                     schema_ok=True):
    """A real response (and the request body sent) against openapi.yaml."""
    label = f"{method} {path} → {status} {what}".strip()
    template, op = operation(method, path)
    USED.add("openapi.yaml")
    if op is None:  # no such route or method: the API's error answer
        check(status in (404, 405), f"{label}: openapi.yaml describes {method} {path}")
        document = json.loads(body)
        valid(document, "openapi.yaml#/components/schemas/Error", label)
        return document
    where = pointer("paths", template, method.lower())
    if sent is not None and "requestBody" in op:
        media = op["requestBody"]["content"].get("application/json")
        schema = f"openapi.yaml#/{where}/requestBody/content/application~1json/schema"
        if media and schema_ok:
            valid(sent, schema, f"{label}: the request body")
        elif media:
            invalid(sent, schema, f"{label}: the request body")
    responses = op["responses"]
    if not check(str(status) in responses, f"{label}: openapi.yaml lists status {status}"):
        return None
    response = responses[str(status)]
    ref = f"openapi.yaml#/{where}/responses/{status}"
    if "$ref" in response:
        ref = "openapi.yaml#" + response["$ref"][1:]
        response = resolve_local(response["$ref"])
    content = response.get("content", {})
    media_type = content_type if content_type in content else content_type.split(";")[0].strip()
    if not check(media_type in content, f"{label}: openapi.yaml lists {content_type} "
                                        f"(has {sorted(content)})"):
        return None
    if media_type.startswith("application/json"):
        document = json.loads(body)
        valid(document, f"{ref}/content/{pointer(media_type)}/schema", label)
        return document
    return body


def resolve_local(ref):
    node = OPENAPI
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


class Http:
    """The same JSON API through a socket (reclaim_http_start) or in-process (reclaim_http_handle)."""

    def __init__(self, engine, url=None):
        self.engine, self.url = engine, url

    def __call__(self, method, path, body=None, raw=None, content_type="application/json",
                 what="", schema_ok=True, extra_headers=None):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        headers = {"Content-Type": content_type} if data is not None else {}
        headers.update(extra_headers or {})
        if self.url is None:
            sent = request({"method": method, "path": path, "headers": headers,
                            **({"body_base64": base64.b64encode(data).decode()} if raw is not None
                               else {"body": data.decode()} if data is not None else {}),
                            "peer": "127.0.0.1"},
                           "http-handle-request.schema.json", f"{method} {path}")
            got = result("reclaim_http_handle", "http-handle-result.schema.json",
                         lambda: self.engine.handle_http(sent), f"{method} {path}")
            if got is None:
                return None, None
            status, headers = got["status"], got["headers"]
            reply = got["body"] if "body" in got else base64.urlsafe_b64decode(
                got["body_base64"] + "=" * (-len(got["body_base64"]) % 4))
            content_type = headers.get("Content-Type", "")
        else:
            req = urllib.request.Request(self.url.rstrip("/") + path, data=data, method=method,
                                         headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    status, reply, content_type = r.status, r.read(), r.headers["Content-Type"]
            except urllib.error.HTTPError as e:
                status, reply, content_type = e.code, e.read(), e.headers["Content-Type"]
            if content_type and not content_type.startswith(("image/", "application/pdf")):
                reply = reply.decode("utf-8")
        return status, response_checked(method, path, status, content_type or "", reply,
                                        sent=body, what=what, schema_ok=schema_ok)


METRICS_TOKEN = "schema-test-metrics-token"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_http(engine):
    # In-process before any endpoint runs: the defaults.
    call = Http(engine)
    call("GET", "/healthz")
    page = result("reclaim_http_handle", "http-handle-result.schema.json",
                  lambda: engine.handle_http(request({"path": "/?lang=en"},
                                                     "http-handle-request.schema.json",
                                                     "the home page")), "of the home page")
    check(bool(page) and page["status"] == 200 and "Set-Cookie" in page["headers"],
          "the home page, with its CSRF cookie")
    error("reclaim_http_handle", lambda: engine.handle_http({"method": "GET"}), "invalid_argument",
          "without a path", field="path")
    invalid({"method": "GET"}, "http-handle-request.schema.json", "a request without a path")

    unknown_shop = request({"listen": "127.0.0.1:0", "shop": "nosuch"},
                           "http-start-options.schema.json", "an endpoint for an unknown shop")
    error("reclaim_http_start", lambda: engine.start_http(unknown_shop),
          "not_found", "for an unknown shop", field="shop")
    options = request({"listen": "127.0.0.1:0", "threads": 2, "base_path": "", "shop": "default",
                       "max_connections": 64, "header_timeout_s": 10, "idle_timeout_s": 30,
                       "lookups_per_minute": 1000, "submits_per_minute": 1000,
                       "trusted_proxies": ["127.0.0.2", "10.0.0.0/8"],
                       "max_connections_per_address": 32, "metrics_token": METRICS_TOKEN},
                      "http-start-options.schema.json", "the endpoint's options")
    started = result("reclaim_http_start", "http-start-result.schema.json",
                     lambda: engine.start_http(options))
    if not started:
        return
    tampered(started, "http-start-result.schema.json", "reclaim_http_start's result")
    error("reclaim_http_start", lambda: engine.start_http(options), "conflict", "twice")
    api = Http(engine, started["url"])
    try:
        api_session(engine, api)
    finally:
        EXERCISED.add("reclaim_http_stop")
        engine.stop_http()
    try:
        engine.stop_http()
        check(False, "reclaim_http_stop when stopped: not_found")
    except reclaim.NotFound:
        check(True, "reclaim_http_stop when stopped: not_found")
    # In-process again, with the defaults: 10 lookups a minute from one address.
    statuses = [call("POST", "/api/v1/lookup", {"number": "RC-2026-000001",
                                                 "email": "nobody@example.com"})[0]
                for _ in range(11)]
    check(statuses[-1] == 429, f"the eleventh lookup in a minute is refused: {statuses}")


def api_session(engine, api):
    credentials = {"order": "#1001", "email": "jan@example.pl"}
    api("GET", "/healthz")
    status, _ = api("GET", "/metrics", what="(without the token)")
    check(status == 401, f"/metrics without the bearer token: 401, got {status}")
    status, _ = api("GET", "/metrics", extra_headers={"Authorization": "Bearer " + METRICS_TOKEN})
    check(status == 200, f"/metrics with the bearer token: 200, got {status}")
    status, verified = api("POST", "/api/v1/orders/verify", credentials)
    check(status == 200 and verified and len(verified["order"]["lines"]) == 2,
          "orders/verify: the order's lines")
    api("POST", "/api/v1/orders/verify", {"order": "#1001", "email": "eve@example.com"},
        what="(wrong e-mail)")
    opening = {**credentials, "kind": "complaint", "name": "Jan", "locale": "pl",
               "items": [{"line": "2", "qty": 1, "reason": "defect"}],
               "description": "Przecieka.", "preferred_resolution": "repair",
               "idempotency_key": "api-open-1"}
    status, opened = api("POST", "/api/v1/cases", opening)
    if not check(status == 201 and opened, f"POST /api/v1/cases opens a case ({status})"):
        return
    status, again = api("POST", "/api/v1/cases", opening, what="(replayed)")
    check(status == 201 and again and again["number"] == opened["number"],
          "the same idempotency key: the same case")
    api("POST", "/api/v1/cases", {**credentials, "items": [{"line": "1", "qty": 9,
                                                             "reason": "defect"}]},
        what="(beyond the bought quantity)")
    api("POST", "/api/v1/cases", {**credentials, "items": [{"line": "2", "qty": 1,
                                                             "reason": "defect"}],
                                  "colour": "red"}, what="(an unknown member)", schema_ok=False)
    token, number = opened["token"], opened["number"]
    status, found = api("POST", "/api/v1/lookup", {"number": number, "email": "jan@example.pl"})
    check(status == 200 and found and found["token"] == token, "lookup finds the case")
    api("POST", "/api/v1/lookup", {"number": number, "email": "eve@example.com"},
        what="(wrong e-mail)")
    api("POST", "/api/v1/lookup", raw=b"number=1", content_type="application/x-www-form-urlencoded",
        what="(not JSON)")
    api("GET", "/api/v1/lookup", what="(wrong method)")
    api("GET", f"/api/v1/cases/{token}")
    api("GET", "/api/v1/cases/c_00000000000000000000.forged", what="(forged token)")
    api("GET", "/api/v2/cases", what="(no such API)")
    status, file = api("POST", f"/api/v1/cases/{token}/attachments", raw=PNG,
                       content_type="image/png")
    check(status == 201 and file and file["content_type"] == "image/png", "an upload is kept")
    api("POST", f"/api/v1/cases/{token}/attachments", raw=b"not an image",
        content_type="application/octet-stream", what="(not an image)")
    if file:
        status, body = api("GET", f"/api/v1/cases/{token}/attachments/{file['id']}")
        check(status == 200 and body == PNG, "the upload comes back as it was sent")
        owner = token.split(".")[0]
        kept = result("reclaim_attachment_get", "attachment.schema.json",
                      lambda: engine.get_attachment(owner, file["id"]), "of the upload")
        check(kept is not None and base64.b64decode(kept["data_base64"]) == PNG
              and kept["size"] == len(PNG), "the ABI gives the upload's bytes")
        if kept:
            tampered(kept, "attachment.schema.json", "reclaim_attachment_get's result")
        error("reclaim_attachment_get",
              lambda: engine.get_attachment(owner, "a_00000000000000000000"), "not_found",
              "for a file the case lacks", field="attachment_id")
        error("reclaim_attachment_get", lambda: engine.get_attachment("RC-1999-999999", file["id"]),
              "not_found", "for an unknown case")
        error("reclaim_attachment_get", lambda: engine.get_attachment(owner, None),
              "invalid_argument", "without an id", field="attachment_id")
    api("GET", f"/api/v1/cases/{token}/attachments/a_00000000000000000000", what="(missing file)")
    api("POST", f"/api/v1/cases/{token}/reply", {"message": "Too early."}, what="(wrong state)")
    case_id = token.split(".")[0]
    asked = request({"action": "request_info", "actor": AGENT, "message": "Zdjęcie?"},
                    "case-act-request.schema.json", "a question before the API's reply")
    result("reclaim_case_act", "case.schema.json", lambda: engine.act(case_id, asked),
           "request_info before the API's reply")
    reply = {"message": "Proszę.", "attachments": [file["id"]] if file else [],
             "idempotency_key": "api-reply-1"}
    status, view = api("POST", f"/api/v1/cases/{token}/reply", reply)
    check(status == 200 and view and view["state"] == "in_review", "the reply moves the case")
    status, view = api("POST", f"/api/v1/cases/{token}/cancel", {"reason": "Naprawiłem sam."})
    check(status == 200 and view and view["state"] == "cancelled", "the customer cancels")
    # A second case to rate and reopen.
    status, other = api("POST", "/api/v1/cases", {**credentials, "kind": "return",
                                                  "items": [{"line": 2, "qty": 1,
                                                             "reason": "changed_mind"}]})
    if status == 201 and other:
        rejected = request({"action": "reject", "actor": AGENT, "reason": "Po terminie."},
                           "case-act-request.schema.json", "a rejection before the API's rating")
        result("reclaim_case_act", "case.schema.json",
               lambda: engine.act(other["token"].split(".")[0], rejected), "reject")
        api("POST", f"/api/v1/cases/{other['token']}/rate", {"score": 2, "comment": "Szkoda."})
        api("POST", f"/api/v1/cases/{other['token']}/rate", {"score": 3}, what="(twice)")
        status, view = api("POST", f"/api/v1/cases/{other['token']}/reopen",
                           {"reason": "Mam dowód nadania."})
        check(status == 200 and view and view["state"] == "in_review", "the customer reopens")
    status, withdrawn = api("POST", "/api/v1/withdraw",
                            {"name": "Jan Kowalski", "order": "#1001", "email": "jan@example.pl",
                             "lines": ["2"], "locale": "pl"})
    check(status == 201 and withdrawn and withdrawn["acknowledgement"]["items"],
          "the withdrawal opens a return and acknowledges it")
    api("POST", "/api/v1/withdraw", {"name": "Jan", "order": "#1001", "email": "eve@example.com"},
        what="(wrong e-mail)")


def test_staff(engine):
    """reclaim_staff_link: the request and result documents, the refusals, and the link used once
    through reclaim_http_handle."""
    staff = {"id": "anna", "name": "Anna Nowak", "role": "agent", "shops": ["default"],
             "locale": "pl"}
    asked = request({"staff": staff, "ttl_s": 300, "next": "/staff/"},
                    "staff-link-request.schema.json", "a staff link")
    link = result("reclaim_staff_link", "staff-link-result.schema.json",
                  lambda: engine.staff_link(asked))
    if link:
        tampered(link, "staff-link-result.schema.json", "reclaim_staff_link's result")
        entered = engine.handle_http({"method": "GET", "path": link["path"]})
        check(entered["status"] == 303 and "rc_staff=" in entered["headers"].get("Set-Cookie", ""),
              "the staff link signs in once")
        again = engine.handle_http({"method": "GET", "path": link["path"]})
        check(again["status"] == 403, "the staff link refuses a second use")
    for bad, field in (({"staff": {**staff, "role": "customer"}}, "staff.role"),
                       ({"staff": staff, "ttl_s": 601}, "ttl_s"),
                       ({"staff": staff, "next": "//evil.example/"}, "next"),
                       ({"staff": {**staff, "shops": []}}, "staff.shops"),
                       ({"staff": staff, "colour": "red"}, "colour")):
        invalid(bad, "staff-link-request.schema.json", f"a staff link with a bad {field}")
        error("reclaim_staff_link", lambda b=bad: engine.staff_link(b), "invalid_argument",
              f"with a bad {field}", field=field)
    error("reclaim_staff_link", lambda: engine.staff_link({"staff": {**staff, "shops": ["nosuch"]}}),
          "invalid_argument", "for an unknown shop", field="staff.shops[0]")
    test_staff_accounts(engine, staff)


def test_staff_accounts(engine, staff):
    """reclaim_staff_account: each operation's request and result, the refusals, and no
    password nor hash in any answer."""
    password = "correct horse battery staple"
    schema_in, schema_out = "staff-account-request.schema.json", "staff-account-result.schema.json"

    def op(document, what):
        return result("reclaim_staff_account", schema_out,
                      lambda: engine.staff_account(request(document, schema_in, what)), what)

    added = op({"op": "add", "staff": {**staff, "id": "olga"}, "password": password}, "add")
    if added:
        tampered(added, schema_out, "reclaim_staff_account's add result")
        check(added["account"]["locked_until"] is None and not added["account"]["disabled"],
              "a new account is neither locked nor disabled")
    listed = op({"op": "list"}, "list")
    if listed:
        check([a["id"] for a in listed["accounts"]] == ["olga"], "the list names the account")
        text = json.dumps(listed)
        check(password not in text and "argon2" not in text, "no password nor hash is returned")
    op({"op": "passwd", "id": "olga", "password": "another long passphrase"}, "passwd")
    op({"op": "disable", "id": "olga"}, "disable")
    op({"op": "enable", "id": "olga"}, "enable")
    removed = op({"op": "remove", "id": "olga"}, "remove")
    check(removed == {"removed": "olga", "sessions_ended": 0}, "remove says what it removed")
    for bad, field in (({"op": "add", "staff": staff, "password": "too short"}, "password"),
                       ({"op": "add", "staff": {**staff, "id": "a b"}, "password": password},
                        "staff.id"),
                       ({"op": "passwd", "id": "anna"}, "password"),
                       ({"op": "list", "id": "anna"}, "id"),
                       ({"op": "rename", "id": "anna"}, "op"),
                       ({"op": "remove", "id": "anna", "colour": "red"}, "colour")):
        invalid(bad, schema_in, f"a staff account request with a bad {field}")
        error("reclaim_staff_account", lambda b=bad: engine.staff_account(b), "invalid_argument",
              f"with a bad {field}", field=field)
    error("reclaim_staff_account", lambda: engine.staff_account({"op": "remove", "id": "nobody"}),
          "not_found", "for an unknown login", field="id")


def test_messages(engine):
    """reclaim_messages_read / _ack: the outbox of mails every customer-visible change wrote."""
    query = request({"after": 0, "limit": 5, "status": "pending", "channel": "mail"},
                    "messages-query.schema.json", "pending mails")
    page = result("reclaim_messages_read", "messages-result.schema.json",
                  lambda: engine.read_messages(query))
    check(bool(page) and len(page["messages"]) > 0, "the cases opened wrote mails")
    if not page or not page["messages"]:
        return
    tampered(page, "messages-result.schema.json", "reclaim_messages_read's result")
    ack = request({"ids": [page["messages"][0]["id"]], "result": "sent"},
                  "messages-ack-request.schema.json", "a mail sent")
    done = result("reclaim_messages_ack", "messages-ack-result.schema.json",
                  lambda: engine.ack_messages(ack))
    check(bool(done) and done["changed"] == 1, "the acknowledgement changed one message")
    for bad, field in (({"ids": [], "result": "sent"}, "ids"),
                       ({"ids": ["m_x"], "result": "lost"}, "result"),
                       ({"ids": ["m_x"], "result": "sent", "colour": 1}, "colour")):
        invalid(bad, "messages-ack-request.schema.json", f"an acknowledgement with a bad {field}")
        error("reclaim_messages_ack", lambda b=bad: engine.ack_messages(b), "invalid_argument",
              f"with a bad {field}", field=field)
    error("reclaim_messages_ack", lambda: engine.ack_messages({"ids": ["m_nope"], "result": "sent"}),
          "not_found", "for an unknown id", field="ids[0]")
    invalid({"status": "lost"}, "messages-query.schema.json", "a messages query with a bad status")
    error("reclaim_messages_read", lambda: engine.read_messages({"status": "lost"}),
          "invalid_argument", "with a bad status", field="status")


def test_inbound(engine):
    """reclaim_message_inbound: the request and result documents (a customer's message on their
    case, the same mail again, a stranger's draft), the case after it, and the refusals."""
    opened = open_case(engine, {
        "shop": "default", "kind": "complaint", "actor": AGENT,
        "customer": {"email": "ewa@example.pl", "name": "Ewa"},
        "items": [{"sku": "X-1", "name": "Toaster", "qty": 1, "unit_price": "50.00",
                   "currency": "PLN", "reason": "defect"}]}, "a case for inbound mail")
    if opened is None:
        return
    number = opened["number"]
    mail = ("From: Ewa <EWA@example.pl>\r\nTo: desk@shop.example\r\n"
            f"Subject: Re: {number.lower()} toaster\r\nMessage-ID: <ewa-schema-1@example.pl>\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n\r\nIt still burns the bread.\r\n\r\n"
            "On Mon, 23 Nov 2026, Shop <desk@shop.example> wrote:\r\n> old\r\n")
    asked = request({"shop": "default", "raw": mail}, "message-inbound-request.schema.json",
                    "an inbound mail")
    taken = result("reclaim_message_inbound", "message-inbound-result.schema.json",
                   lambda: engine.message_inbound(asked["raw"]))
    if taken:
        tampered(taken, "message-inbound-result.schema.json", "reclaim_message_inbound's result")
        check(taken["result"] == "message" and taken["case_number"] == number,
              "an inbound mail from the customer is a message on their case")
        case = result("reclaim_case_get", "case.schema.json", lambda: engine.get_case(number),
                      "after an inbound mail")
        if case:
            last = case["history"][-1]
            check(last["action"] == "reply" and last["data"]["message"] == "It still burns the bread."
                  and last["data"]["channel"] == "email", "the mail is in the history, quotes cut")
        again = result("reclaim_message_inbound", "message-inbound-result.schema.json",
                       lambda: engine.message_inbound(asked["raw"].encode("utf-8")), "again")
        check(again is not None and again["duplicate"] is True, "the same mail twice: a duplicate")
    stranger = mail.replace("EWA@example.pl", "mallory@evil.example").replace("ewa-schema-1",
                                                                              "mallory-1")
    draft = result("reclaim_message_inbound", "message-inbound-result.schema.json",
                   lambda: engine.message_inbound(stranger.encode("utf-8")), "a stranger's")
    if draft:
        tampered(draft, "message-inbound-result.schema.json", "reclaim_message_inbound's draft")
        check(draft["result"] == "draft" and draft["reason"] == "not_customer",
              "a stranger's mail naming the case is a draft")
    for bad, field in (({}, "raw"), ({"raw": mail, "colour": "red"}, "colour"),
                       ({"raw": mail, "raw_base64": "eA=="}, "raw")):
        invalid(bad, "message-inbound-request.schema.json", f"an inbound mail with a bad {field}")
        error("reclaim_message_inbound",
              lambda b=bad: engine._run("reclaim_message_inbound", json.dumps(b).encode()),
              "invalid_argument", f"with a bad {field}", field=field)
    error("reclaim_message_inbound", lambda: engine.message_inbound("no header at all"),
          "invalid_argument", "for a message without a header", field="raw", rule="mail_malformed")


def test_preview(engine):
    """reclaim_message_preview: a case's acknowledgement rendered in each language, and the
    refusals (unknown template, language, case; a template the case has not sent)."""
    page = engine.read_messages({"limit": 1000})
    acknowledged = next((m for m in page["messages"] if m["template"] == "case.acknowledged"), None)
    check(acknowledged is not None, "some case was acknowledged by mail")
    if acknowledged is None:
        return
    number = acknowledged["case_number"]
    for locale in ("pl", "en", "ru"):
        ask = request({"template": "case.acknowledged", "case": number, "locale": locale},
                      "message-preview-request.schema.json", f"a preview in {locale}")
        shown = result("reclaim_message_preview", "message-preview-result.schema.json",
                       lambda a=ask: engine.preview_message(a["template"], a["case"], a["locale"]),
                       locale)
        if shown:
            check(shown["locale"] == locale and number in shown["subject"] + shown["text"],
                  f"the {locale} preview names the case")
    same = result("reclaim_message_preview", "message-preview-result.schema.json",
                  lambda: engine.preview_message("case.acknowledged", number), "in the case's language")
    if same:
        tampered(same, "message-preview-result.schema.json", "reclaim_message_preview's result")
        check(same["subject"] == acknowledged["subject"] and same["text"] == acknowledged["text"],
              "the preview in the case's language is the mail that was queued")
    for bad, field in (({"template": "case.nope", "case": number}, "template"),
                       ({"template": "case.acknowledged", "case": number, "locale": "de"}, "locale"),
                       ({"case": number}, "template"),
                       ({"template": "case.acknowledged"}, "case"),
                       ({"template": "case.acknowledged", "case": number, "x": 1}, "x")):
        invalid(bad, "message-preview-request.schema.json", f"a preview with a bad {field}")
        error("reclaim_message_preview",
              lambda b=bad: engine._run("reclaim_message_preview", json.dumps(b).encode()),
              "invalid_argument", f"with a bad {field}", field=field)
    error("reclaim_message_preview", lambda: engine.preview_message("withdrawal.acknowledged", number),
          "not_found", "for a template the case never sent", field="template")
    error("reclaim_message_preview", lambda: engine.preview_message("case.decided", "RC-1999-999999"),
          "not_found", "for an unknown case")


def test_canned_replies(engine):
    """reclaim_canned_replies: save, list (by language and reason), render for a case, remove."""
    opened = engine.list_cases({"limit": 1})["cases"]
    if not opened:
        check(False, "a case to render canned replies for")
        return
    number = opened[0]["number"]
    ask = request({"op": "save", "shop": "default", "staff": "eva",
                   "reply": {"locale": "pl", "reason": "defect", "title": "Prośba o zdjęcie",
                             "body": "Dzień dobry {{customer_name}}, prosimy o zdjęcie ({{case_number}})."}},
                  "canned-replies-request.schema.json", "a new canned reply")
    saved = result("reclaim_canned_replies", "canned-replies-result.schema.json",
                   lambda: engine.canned_replies(ask), "save")
    if not saved:
        return
    tampered(saved, "canned-replies-result.schema.json", "reclaim_canned_replies' save result")
    reply_id = saved["reply"]["id"]
    listing = result("reclaim_canned_replies", "canned-replies-result.schema.json",
                     lambda: engine.canned_replies(request({"op": "list", "locale": "pl", "reason": "defect"},
                                                           "canned-replies-request.schema.json", "a list")),
                     "list")
    check(listing is not None and [r["id"] for r in listing["replies"]] == [reply_id],
          "the list has the reply for its language and reason")
    other = engine.canned_replies({"op": "list", "locale": "en"})
    check(other["replies"] == [], "another language lists none")
    shown = result("reclaim_canned_replies", "canned-replies-result.schema.json",
                   lambda: engine.canned_replies(request({"op": "render", "case": number, "id": reply_id},
                                                         "canned-replies-request.schema.json", "a render")),
                   "render")
    check(shown is not None and number in shown["text"] and "{{" not in shown["text"],
          "the rendered text has the case's number and no placeholder left")
    for bad, field in (({"op": "save", "reply": {"locale": "pl", "title": "x", "body": "{{password}}"}}, "reply.body"),
                       ({"op": "save", "reply": {"locale": "de", "title": "x", "body": "y"}}, "reply.locale"),
                       ({"op": "save", "reply": {"locale": "pl", "body": "y"}}, "reply.title"),
                       ({"op": "list", "colour": "red"}, "colour"),
                       ({"op": "fly"}, "op")):
        if field != "reply.body":
            invalid(bad, "canned-replies-request.schema.json", f"canned replies with a bad {field}")
        error("reclaim_canned_replies", lambda b=bad: engine.canned_replies(b), "invalid_argument",
              f"with a bad {field}", field=field)
    error("reclaim_canned_replies", lambda: engine.canned_replies({"op": "remove", "id": "r_nope"}),
          "not_found", "removing an unknown reply", field="id")
    error("reclaim_canned_replies", lambda: engine.canned_replies({"op": "list", "shop": "nosuch"}),
          "not_found", "for an unknown shop")
    gone = result("reclaim_canned_replies", "canned-replies-result.schema.json",
                  lambda: engine.canned_replies({"op": "remove", "id": reply_id}), "remove")
    check(gone == {"removed": reply_id}, "remove names the reply")


def test_privacy(engine):
    """reclaim_subject_export and reclaim_subject_erase: a known person, a stranger, refusals."""
    found = engine.list_cases({"limit": 100})["cases"]
    finished = ("rejected", "resolved", "closed", "cancelled")
    emails = [c["customer"]["email"] for c in found if c["customer"]["email"] and c["state"] in finished]
    if not emails:
        check(False, "a case with a customer e-mail to export")
        return
    email = emails[0]
    ask = request({"shop": "default", "email": email.upper()}, "subject-export-request.schema.json",
                  "an export")
    exported = result("reclaim_subject_export", "subject-export-result.schema.json",
                      lambda: engine.subject_export(ask["shop"], ask["email"]), "a known person")
    check(exported is not None and len(exported["cases"]) >= 1, "the export holds the person's cases")
    stranger = result("reclaim_subject_export", "subject-export-result.schema.json",
                      lambda: engine.subject_export("default", "nobody@example.invalid"), "a stranger")
    check(stranger is not None and stranger["cases"] == [] and stranger["orders"] == [],
          "a stranger's export is empty, not an error")
    erase = request({"shop": "default", "email": email, "actor": {"role": "supervisor", "id": "eva"},
                     "reason": "the customer's request"}, "subject-erase-request.schema.json",
                    "an erasure")
    erased = result("reclaim_subject_erase", "subject-erase-result.schema.json",
                    lambda: engine.subject_erase(erase["shop"], erase["email"], erase["actor"],
                                                 erase["reason"]), "an erasure")
    if erased:
        tampered(erased, "subject-erase-result.schema.json", "reclaim_subject_erase's result")
        check(erased["erased"]["cases"] >= 1, "the person's finished cases are anonymised")
        anonymised = [e for e in read_all_events(engine, "events after an erasure")
                      if e["type"] == "case.anonymised"]
        check(len(anonymised) == erased["erased"]["cases"] and
              all(e["data"]["erasure"] == erased["erasure"] for e in anonymised),
              "each anonymised case has its case.anonymised event naming the erasure")
    for bad, field in (({"shop": "default"}, "email"),
                       ({"email": email, "actor": {"role": "agent"}, "reason": "x"}, None),
                       ({"email": email, "actor": {"role": "supervisor"}}, "reason"),
                       ({"email": email, "actor": {"role": "supervisor"}, "reason": "x", "x": 1}, "x")):
        code = "not_allowed" if field is None else "invalid_argument"
        invalid(bad, "subject-erase-request.schema.json", f"an erasure with a bad {field}")
        error("reclaim_subject_erase",
              lambda b=bad: engine._run("reclaim_subject_erase", json.dumps(b).encode()),
              code, f"an erasure with a bad {field}", field=field)
    error("reclaim_subject_export",
          lambda: engine._run("reclaim_subject_export", json.dumps({"shop": "nosuch", "email": email}).encode()),
          "not_found", "an export for an unknown shop")


def test_abuse(engine):
    """A blocked customer's complaint is opened with its flag (case.schema.json) and a
    case.flagged event (checked with every event in test_events)."""
    blocked = dict(ORDER, id="B-1", number="#B-1",
                   customer={"email": "blocked@example.pl", "name": "B", "id": "cust-blocked"})
    if not import_ok(engine, "reclaim", blocked, "an order of a blocked customer"):
        return
    got = open_case(engine, {"kind": "complaint", "order_id": "B-1", "actor": CUSTOMER,
                             "customer": {"email": "blocked@example.pl"},
                             "items": [{"line": "1", "qty": 1, "reason": "defect"}]},
                    "a blocked customer's complaint")
    check(bool(got) and [f["flag"] for f in got["flags"]] == ["blocked"] and
          got["flags"][0]["rule"] == "block.customers" and got["customer"]["id"] == "cust-blocked",
          "a blocked customer's complaint is opened, flagged blocked by their customer id")
    invalid({"abuse": {"block": {"addresses": ["not-a-hash"]}}}, "policy-set-request.schema.json",
            "a block list with an address that is no hash")
    error("reclaim_policy_set",
          lambda: engine.set_policy({"abuse": {"block": {"addresses": ["not-a-hash"]}}}),
          "invalid_argument", "with an address that is no hash", field="abuse.block.addresses[0]")


def test_documents(engine):
    """reclaim_document: each type in each language where the case allows it, strict results,
    and the refusals (unknown type, language, member or case; a letter before the decision)."""
    cases = engine.list_cases({"limit": 200})["cases"]
    undecided = next((c for c in cases if not (c.get("resolution") or {}).get("decided_at")), None)
    decided = next((c for c in cases if (c.get("resolution") or {}).get("decided_at")), None)
    check(undecided is not None and decided is not None, "a decided and an undecided case exist")
    if undecided is None or decided is None:
        return
    for locale in ("pl", "en", "ru"):
        for case, kind in ((undecided, "complaint_receipt"), (undecided, "return_slip"),
                           (decided, "decision_letter")):
            ask = request({"type": kind, "locale": locale}, "document-request.schema.json",
                          f"a {kind} in {locale}")
            made = result("reclaim_document", "document-result.schema.json",
                          lambda a=ask, c=case: engine.document(c["number"], a["type"], a["locale"]),
                          f"{kind} {locale}")
            if made:
                check(made["filename"] == f"{case['number']}-{kind}-{locale}.pdf",
                      f"the {kind}'s file name names the case, type and language")
    made = result("reclaim_document", "document-result.schema.json",
                  lambda: engine.document(undecided["number"], "complaint_receipt"), "by default")
    if made:
        tampered(made, "document-result.schema.json", "reclaim_document's result")
    for bad, field in (({"type": "invoice"}, "type"), ({}, "type"),
                       ({"type": "return_slip", "locale": "de"}, "locale"),
                       ({"type": "return_slip", "x": 1}, "x")):
        invalid(bad, "document-request.schema.json", f"a document with a bad {field}")
        error("reclaim_document",
              lambda b=bad: engine._run("reclaim_document", undecided["number"].encode(),
                                        json.dumps(b).encode()),
              "invalid_argument", f"with a bad {field}", field=field)
    error("reclaim_document", lambda: engine.document("RC-1999-999999", "return_slip"),
          "not_found", "for an unknown case")
    error("reclaim_document", lambda: engine.document(undecided["number"], "decision_letter"),
          "not_allowed", "for a letter before the decision", field="type", rule="not_decided")


def main():
    test_schemas_themselves()
    test_library()
    engine = open_engine()
    if engine is None:
        print(f"{passed} passed, {failed} failed")
        return 1
    EXERCISED.add("reclaim_clock_set")
    engine.set_clock(T0)
    try:
        test_policies(engine)
        orders = test_orders(engine)
        test_eligibility(engine)
        cases = test_cases(engine)
        test_lists(engine)
        test_payloads(engine, orders, cases)
        test_http(engine)
        test_staff(engine)
        test_abuse(engine)
        test_tick(engine, cases)
        test_events(engine, cases)
        test_messages(engine)
        test_reports(engine)
        test_inbound(engine)
        test_preview(engine)
        test_canned_replies(engine)
        test_documents(engine)
        test_privacy(engine)
    finally:
        EXERCISED.add("reclaim_close")
        engine.close()
    with open(HEADER, encoding="utf-8") as f:
        declared = set(re.findall(r"\b(reclaim_[a-z_]+)\(", f.read()))
    check(declared <= EXERCISED, f"every function of the header was called "
                                 f"(not: {sorted(declared - EXERCISED)})")
    documents = set(SCHEMAS) - {"common.schema.json"} | {"openapi.yaml"}
    check(USED == documents,
          f"every schema validated a real document (not: {sorted(documents - USED)})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
