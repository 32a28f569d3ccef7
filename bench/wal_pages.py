"""Pages a case open writes: WAL frames per transaction, the engine's against the raw reference's.

The engine opens cases as bench/reclaim_bench.cpp does (a three-line order each, a customer's
complaint about one line, synchronous=normal); then, on the same file, the case's rows are
written by hand (the counter, one cases row with a real stored body, one case_items, one
history and one events row: BM_RawInsert_SociCaseRows), and once more with the outbox row of
the case's acknowledgement copied from the engine's (BM_RawInsert_Soci, the reference). Each
count is the WAL's frames after a truncating checkpoint and K transactions, divided by K.
Frames are pages: what a commit writes and a checkpoint copies.

Usage: RECLAIM_LIBRARY=build-bench/plugin/libreclaim.so python3 bench/wal_pages.py [K]
"""
import datetime
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sdk", "python"))
import reclaim  # noqa: E402

K = int(sys.argv[1]) if len(sys.argv) > 1 else 20
AUTOCHECKPOINT = 1000  # the reference's connection copies and restarts the WAL past this many pages
WARM = 300  # transactions before counting, so the indexes are past their first pages


def ago(days):
    at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def line(line_id, sku, name, qty, price, category, tags, supplier):
    return {"id": line_id, "sku": sku, "name": name, "qty": qty, "unit_price": price,
            "tax_rate": "23", "category": category, "tags": tags, "supplier": supplier,
            "refunded_qty": 0}


def order(n):
    number = str(100000 + n)
    return {"id": number, "number": "#" + number, "currency": "PLN", "placed_at": ago(10),
            "paid_at": ago(10), "shipped_at": ago(8), "delivered_at": ago(6),
            "customer": {"email": "customer%s@example.pl" % number, "name": "Jan Kowalski",
                         "locale": "pl", "type": "consumer"},
            "lines": [line("1", "KET-1", "Czajnik elektryczny 1.7 l", 2, "199.99", "kitchen",
                           ["sale"], "Elektro Sp. z o.o."),
                      line("2", "TOS-2", "Toster dwukomorowy", 1, "149.00", "kitchen", [],
                           "Elektro Sp. z o.o."),
                      line("3", "MUG-6", "Kubki ceramiczne, komplet 6 szt.", 1, "59.90", "home",
                           ["gift"], "Ceramika S.A.")],
            "shipping": {"amount": "15.00", "method": "courier"},
            "extra": {"source": "bench", "warehouse": "WAW-2"}}


def complaint(n):
    number = str(100000 + n)
    return {"shop": "default", "kind": "complaint", "channel": "web",
            "actor": {"role": "customer", "id": "cust-" + number}, "order_id": number,
            "customer": {"email": "customer%s@example.pl" % number, "name": "Jan Kowalski",
                         "locale": "pl", "phone": "+48 600 100 200"},
            "items": [{"line": "1", "qty": 1, "reason": "defect", "serial": "SN-" + number}],
            "description": "The kettle stopped heating after a week; the power light comes on"
                           " but the water stays cold.",
            "preferred_resolution": "replacement", "extra": {"ticket": "HD-" + number}}


class Reference:
    """The raw writes of one case open, on a connection of its own."""

    def __init__(self, db):
        self.sql = sqlite3.connect(db, isolation_level=None)
        self.sql.execute("PRAGMA synchronous = NORMAL")
        (self.assignee, self.due, self.body) = self.sql.execute(
            "SELECT assignee, decision_due, body FROM cases LIMIT 1").fetchone()
        self.history = self.sql.execute("SELECT data FROM history LIMIT 1").fetchone()[0]
        self.event = self.sql.execute("SELECT data FROM events LIMIT 1").fetchone()[0]
        self.year = self.sql.execute("SELECT year FROM case_numbers LIMIT 1").fetchone()[0]
        self.columns = [row[1] for row in self.sql.execute("PRAGMA table_info(outbox)")]
        self.mail = list(self.sql.execute("SELECT * FROM outbox LIMIT 1").fetchone())
        self.sql.execute("INSERT INTO case_numbers (shop, year, last) VALUES ('raw', ?, 0)",
                         (self.year,))

    def open(self, n, with_mail):
        sql = self.sql
        sql.execute("BEGIN IMMEDIATE")
        last = sql.execute("SELECT last FROM case_numbers WHERE shop = 'raw' AND year = ?",
                           (self.year,)).fetchone()[0] + 1
        sql.execute("UPDATE case_numbers SET last = ? WHERE shop = 'raw' AND year = ?",
                    (last, self.year))
        at = int(time.time() * 1000)
        case_id = "c_%011x%09x" % (at, random.getrandbits(36))
        order_id = str(200000 + n)
        number = "RB-%d-%06d" % (self.year, last)
        sql.execute("INSERT INTO cases (id, shop, number, kind, state, version, order_id,"
                    " customer_email, assignee, created_at, updated_at, decision_due, decided,"
                    " body) VALUES (?, 'raw', ?, 'complaint', 'received', 1, ?, ?, ?, ?, ?, ?, 0,"
                    " ?)", (case_id, number, order_id, "customer%s@example.pl" % order_id,
                            self.assignee, at, at, self.due, self.body))
        sql.execute("INSERT INTO case_items (case_id, item, shop, order_id, line_id, sku, qty,"
                    " reason, active) VALUES (?, 1, 'raw', ?, '1', 'KET-1', 1, 'defect', 1)",
                    (case_id, order_id))
        sql.execute("INSERT INTO history (case_id, seq, at, actor_role, actor_id, action,"
                    " from_state, to_state, data, customer_visible) VALUES (?, 1, ?, 'customer',"
                    " 'cust-raw', 'open', 'received', 'received', ?, 1)",
                    (case_id, at, self.history))
        sql.execute("INSERT INTO events (type, case_id, case_number, shop, at, customer_visible,"
                    " data) VALUES ('case.opened', ?, ?, 'raw', ?, 1, ?)",
                    (case_id, number, at, self.event))
        if with_mail:
            row = list(self.mail)
            row[self.columns.index("seq")] = None
            row[self.columns.index("id")] = "m_" + case_id
            row[self.columns.index("case_id")] = case_id
            sql.execute("INSERT INTO outbox (%s) VALUES (%s)"
                        % (", ".join(self.columns), ", ".join("?" * len(row))), row)
        sql.execute("COMMIT")


def frames_per(db, k, work):
    watch = sqlite3.connect(db)
    # Busy while the engine's checkpoint thread copies: then again, until the log is empty.
    for _ in range(200):
        if watch.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0:
            break
        time.sleep(0.01)
    else:
        sys.exit("the log could not be emptied before counting")
    for n in range(k):
        work(n)
    frames = watch.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
    watch.close()
    if frames >= AUTOCHECKPOINT * 0.9:
        sys.exit("%d pages: the WAL may have been restarted by an automatic checkpoint, and the"
                 " count would be short; run with a smaller K" % frames)
    return frames / k


def main():
    where = tempfile.mkdtemp(prefix="reclaim-wal-pages-")
    try:
        db = os.path.join(where, "reclaim.db")
        config = {"database": "sqlite:" + db, "storage": {"synchronous": "normal"},
                  "shops": [{"id": "default", "name": "Demo Shop", "jurisdiction": "PL",
                             "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl",
                             "case_prefix": "RC",
                             "public_url": "https://shop.example/returns"}]}
        engine = reclaim.Engine(config)
        for n in range(WARM + K):
            engine.import_order("reclaim", order(n))
        for n in range(WARM):
            engine.open_case(complaint(n))
        opened = frames_per(db, K, lambda n: engine.open_case(complaint(WARM + n)))
        engine.close()
        raw = Reference(db)
        for n in range(WARM):
            raw.open(n, False)
        bare = frames_per(db, K, lambda n: raw.open(WARM + n, False))
        mailed = frames_per(db, K, lambda n: raw.open(WARM + K + n, True))
        print("WAL pages per case open, mean of %d transactions" % K)
        print("  reclaim_case_open:                        %5.1f" % opened)
        print("  the case's rows (BM_RawInsert_SociCaseRows):        %5.1f" % bare)
        print("  and the acknowledgement's row (BM_RawInsert_Soci):  %5.1f" % mailed)
        print("  reference / engine (an I/O ceiling for the ratio): %.0f %%"
              % (100 * mailed / opened))
    finally:
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
