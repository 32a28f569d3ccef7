#!/usr/bin/env python3
"""Screenshots of the staff desk in pl, en and ru at 1280 and 360 px: the queue (its default
view, and a filtered one with an at-risk and an overdue row), a case page, the intake form, the
unmatched e-mails and the report.

Opens an engine on a throwaway SQLite file with a manual clock through the Python binding,
imports a dozen orders and opens cases over three weeks (channels, reasons, priorities, tags,
assignees; one customer's fields hold markup, to see it escaped), starts the endpoint and signs
a desk session in for each shot with reclaim_staff_link; Debian's headless Chromium follows the
link and takes the picture.

  python3 docs/tools/staff-screenshots.py build/plugin/libreclaim.so OUT_DIR [PAGE,PAGE…]

The pages: queue, queue-filtered, case, case-flagged (a blocked customer's case), case-goods and
case-received (goods on their way back, and received with what becomes of them), new-order and new (the intake form with an order's
lines, and for goods without one), mail (the unmatched e-mails), report, replies (the canned
replies, as a supervisor sees them), case-reply (a case with a canned reply inserted) and privacy
(a customer's export and erasure, for supervisors).
"""
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(root, "sdk/python"))
import reclaim  # noqa: E402

DAY = 86_400_000


def ms(text):
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp() * 1000)


library, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.makedirs(out_dir, exist_ok=True)
work = tempfile.mkdtemp(prefix="reclaim-staff-shots-")
engine = reclaim.Engine({"database": "sqlite:" + os.path.join(work, "desk.db"), "clock": "manual",
                         "shops": [{"id": "default", "name": "Sklep Demo", "jurisdiction": "PL",
                                    "timezone": "Europe/Warsaw", "currency": "PLN",
                                    "locale": "pl", "case_prefix": "RC"}]}, library=library)
start = ms("2026-11-02T09:00:00")
engine.set_clock(start)
# Abuse limits: one customer is on the block list, so their cases open flagged.
engine.set_policy({"jurisdiction": "PL", "abuse": {"window_days": 90,
                                                   "block": {"emails": ["piotr@example.pl"]}}},
                  shop="default")
people = [("jan@example.pl", "Jan <b>Kowalski</b>"), ("anna.nowak@example.com", "Anna Nowak"),
          ("olga@example.ru", "Ольга Смирнова"), ("piotr@example.pl", "Piotr Wiśniewski"),
          ("=cmd@example.com", "=HYPERLINK(\"x\")"), ("ewa@example.pl", "Ewa Zielińska")]
reasons = ["defect", "transport_damage", "not_as_described", "missing_parts", "defect",
           "wrong_item"]
channels = ["web", "phone", "email", "web", "store", "marketplace"]
numbers = []
for i in range(12):
    email, name = people[i % len(people)]
    order_id = str(2001 + i)
    engine.import_order("reclaim", {
        "id": order_id, "number": "Z/" + order_id, "currency": "PLN",
        "placed_at": "2026-10-30T10:00:00Z", "delivered_at": "2026-11-01T12:00:00Z",
        "customer": {"email": email, "name": name},
        "shipping": {"address": {"line1": "ul. Długa %d" % (i + 1), "city": "Gdańsk",
                                 "postcode": "80-001", "country": "PL"}},
        "lines": [{"id": "1", "sku": "KET-%d" % (i % 3 + 1), "name": "Czajnik elektryczny",
                   "qty": 1, "unit_price": "199.99"},
                  {"id": "2", "sku": "MUG-4", "name": "Kubki, 4 szt.", "qty": 2,
                   "unit_price": "59.00"}]})
    engine.set_clock(start + i * 2 * DAY)
    case = engine.open_case({
        "order_id": order_id, "kind": "complaint", "actor": {"role": "customer"},
        "channel": channels[i % len(channels)],
        "customer": {"email": email, "name": name},
        "items": [{"line": "1" if i % 2 else "2", "qty": 1, "reason": reasons[i % len(reasons)]}],
        "description": "Czajnik przecieka <script>alert(1)</script>"})
    numbers.append(case["number"])
    staff = {"role": "agent", "id": "piotr"}
    if i % 3 == 0:
        engine.act(case["number"], {"action": "assign", "actor": staff, "assignee": "anna"})
    if i % 4 == 1:
        engine.act(case["number"], {"action": "assign", "actor": staff, "assignee": "piotr"})
    if i in (2, 7):
        engine.act(case["number"], {"action": "set_priority", "actor": staff,
                                    "priority": "urgent" if i == 2 else "high"})
    if i in (0, 5, 7):
        engine.act(case["number"], {"action": "tag", "actor": staff, "add": ["kurier", "vip"][: 1 + i % 2]})
# Today: the first cases are past their decision date, the next ones close to it.
engine.set_clock(start + 26 * DAY)
case = numbers[0]
# Goods on their way back (the receipt's form), and goods received with what becomes of them.
for number in (numbers[5], numbers[6]):
    engine.act(number, {"action": "authorize_return", "actor": {"role": "agent", "id": "piotr"},
                        "instructions": "Prosimy odesłać czajnik w oryginalnym opakowaniu."})
engine.act(numbers[6], {"action": "receive_goods", "actor": {"role": "agent", "id": "piotr"},
                        "condition": "damaged", "disposition": "return_to_supplier"})
# An e-mail no case takes: it waits under "Unmatched e-mails".
engine.message_inbound("From: Marta <marta@example.org>\r\nTo: reklamacje@sklep.example\r\n"
                       "Subject: Pęknięty dzbanek <b>pilne</b>\r\nMessage-ID: <m1@example.org>\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                       "Dzień dobry, dzbanek pękł po tygodniu. Zamówienie Z/2003.\r\n")
# Canned replies: one for defects, one for any reason, in Polish (the cases' language).
photo = engine.canned_replies({"op": "save", "staff": "eva", "reply": {
    "locale": "pl", "reason": "defect", "title": "Prośba o zdjęcie wady",
    "body": "Dzień dobry {{customer_name}},\n\nabyśmy mogli rozpatrzyć reklamację {{case_number}}, "
            "prosimy o zdjęcie wady i tabliczki znamionowej. Odpowiemy najpóźniej {{decision_date}}."
            "\n\nPozdrawiamy,\n{{shop_name}}"}})["reply"]["id"]
engine.canned_replies({"op": "save", "staff": "eva", "reply": {
    "locale": "pl", "title": "Podziękowanie za cierpliwość",
    "body": "Dziękujemy za cierpliwość, {{customer_name}}. Sprawa {{case_number}} jest w toku."}})
url = engine.start_http({"listen": "127.0.0.1:0"})["url"].rstrip("/")
pages = (("queue", "/staff/"),
         ("queue-filtered", "/staff/?assignee=any&state=open&at_risk=1&overdue=1&reason=defect"),
         ("case", "/staff/cases/" + case),
         ("case-flagged", "/staff/cases/" + numbers[3]),
         ("case-goods", "/staff/cases/" + numbers[5]),
         ("case-received", "/staff/cases/" + numbers[6]),
         ("new-order", "/staff/new?order=Z/2003"),
         ("new", "/staff/new"),
         ("mail", "/staff/mail"),
         ("report", "/staff/report?from=2026-11-01&to=2026-11-28&group_by=reason"),
         ("replies", "/staff/replies"),
         ("case-reply", "/staff/cases/" + case + "?reply=" + photo),
         ("privacy", "/staff/privacy"))
only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None  # e.g. "new,mail"
pages = tuple(p for p in pages if only is None or p[0] in only)
try:
    for lang in ("pl", "en", "ru"):
        for width in (1280, 360):
            for page, path in pages:
                link = engine.staff_link({"staff": {"id": "anna", "name": "Anna Nowak",
                                                    "role": "supervisor" if page in ("replies", "privacy")
                                                    else "agent", "shops": ["default"],
                                                    "locale": lang},
                                          "ttl_s": 300, "next": path})
                shot = os.path.join(out_dir, f"staff-{page}-{lang}-{width}.png")
                subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                "--hide-scrollbars", f"--window-size={width},{3600 if page in ('case-reply', 'case-goods') else 2000}",
                                f"--screenshot={shot}", url + link["path"]],
                               capture_output=True, timeout=60, check=True)
                print(shot)
finally:
    engine.stop_http()
