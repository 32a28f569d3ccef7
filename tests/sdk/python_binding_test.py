"""The Python binding through real calls: results decode, statuses raise their exceptions.

Run: RECLAIM_LIBRARY=…/libreclaim.so python3 python_binding_test.py SDK_PYTHON_DIR HEADER
"""
import re
import sys
import threading
import unittest

sys.path.insert(0, sys.argv.pop(1))
HEADER = sys.argv.pop(1)
import reclaim  # noqa: E402

ORDER = {"id": 1001, "currency": "PLN", "customer": {"email": "jan@example.pl"},
         "lines": [{"id": "1", "name": "Czajnik", "qty": 2, "unit_price": "199.99"}]}
REQUEST = {"kind": "complaint", "actor": {"role": "customer"}, "order_id": "1001",
           "customer": {"email": "jan@example.pl"},
           "items": [{"line": "1", "qty": 2, "reason": "defect"}]}


class BindingTest(unittest.TestCase):
    def setUp(self):
        self.engine = reclaim.Engine({"database": "sqlite::memory:", "clock": "manual"})
        self.engine.import_order("reclaim", ORDER)

    def tearDown(self):
        self.engine.close()

    def assertRaisesStatus(self, cls, status, code, field, fn):
        with self.assertRaises(cls) as caught:
            fn()
        e = caught.exception
        self.assertEqual((e.status, e.code, e.field), (status, code, field))
        self.assertTrue(e.message and e.message != code)
        self.assertEqual(e.document["error"]["code"], code)
        return e

    def test_every_header_function_is_typed(self):
        with open(HEADER, encoding="utf-8") as f:
            declared = set(re.findall(r"\b(reclaim_[a-z_]+)\(", f.read()))
        self.assertEqual(set(reclaim._SIGNATURES), declared)

    def test_version(self):
        self.assertRegex(reclaim.version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(reclaim.status_name(reclaim.CONFLICT), "conflict")

    def test_open_errors(self):
        self.assertRaisesStatus(reclaim.InvalidArgument, 1, "invalid_argument", "database",
                                lambda: reclaim.Engine({"database": 42}))
        self.assertRaisesStatus(reclaim.StorageError, 5, "storage", "database",
                                lambda: reclaim.Engine({"database": "sqlite:/nonexistent/d/x.db"}))
        # A PostgreSQL server that cannot be reached.
        self.assertRaisesStatus(reclaim.StorageError, 5, "storage", "database",
                                lambda: reclaim.Engine('{"database":"postgresql://127.0.0.1:1/db"}'))

    def test_orders(self):
        self.assertEqual(self.engine.get_order("1001")["lines"][0]["name"], "Czajnik")
        again = self.engine.import_order("reclaim", ORDER)
        self.assertFalse(again["created"])
        bad = dict(ORDER, lines=[dict(ORDER["lines"][0], colour="red")])
        self.assertRaisesStatus(reclaim.InvalidArgument, 1, "invalid_argument", "lines[0].colour",
                                lambda: self.engine.import_order("reclaim", bad))
        self.assertRaisesStatus(reclaim.Unsupported, 7, "unsupported", "adapter",
                                lambda: self.engine.import_order("no-such-host", ORDER))
        self.assertRaisesStatus(reclaim.NotFound, 2, "not_found", None,
                                lambda: self.engine.get_order("404"))

    def test_case_lifecycle_and_errors(self):
        case = self.engine.open_case(REQUEST)
        self.assertEqual((case["state"], case["version"]), ("received", 1))
        self.assertRaisesStatus(reclaim.NotAllowed, 4, "not_allowed", "items[0].qty",
                                lambda: self.engine.open_case(REQUEST))
        moved = self.engine.act(case["number"], {"action": "review", "actor": {"role": "agent"},
                                                 "expected_version": 1})
        self.assertEqual((moved["state"], moved["version"]), ("in_review", 2))
        self.assertRaisesStatus(
            reclaim.Conflict, 3, "conflict", "expected_version",
            lambda: self.engine.act(case["id"], {"action": "close", "actor": {"role": "agent"},
                                                 "expected_version": 1}))
        self.assertRaisesStatus(reclaim.NotFound, 2, "not_found", None,
                                lambda: self.engine.get_case("c_missing"))
        self.assertRaisesStatus(reclaim.InvalidArgument, 1, "invalid_argument", None,
                                lambda: self.engine.open_case('{"kind":'))
        self.assertEqual(len(self.engine.list_cases({"state": "in_review"})["cases"]), 1)

    def test_events_cursor(self):
        case = self.engine.open_case(REQUEST)
        self.engine.act(case["id"], {"action": "review", "actor": {"role": "agent"}})
        first = self.engine.read_events({"after": 0, "limit": 1})
        self.assertEqual([e["type"] for e in first["events"]], ["case.opened"])
        rest = self.engine.read_events({"after": first["next"]})
        self.assertEqual([e["type"] for e in rest["events"]], ["case.state_changed"])
        self.assertEqual(self.engine.read_events({"after": rest["next"]})["events"], [])

    def test_clock(self):
        self.engine.set_clock(1800000000000)
        case = self.engine.open_case(REQUEST)
        self.assertTrue(case["created_at"].startswith("2027-01-15T"))
        with reclaim.Engine({"database": "sqlite::memory:"}) as system:
            e = self.raises_without_document(lambda: system.set_clock(0))
            self.assertEqual((e.status, e.code), (4, "not_allowed"))

    def raises_without_document(self, fn):
        with self.assertRaises(reclaim.NotAllowed) as caught:
            fn()
        self.assertIsNone(caught.exception.document)
        return caught.exception

    def test_closed_engine(self):
        self.engine.close()
        self.engine.close()
        with self.assertRaises(ValueError):
            self.engine.get_case("x")

    def test_threads_share_one_engine(self):
        errors = []

        def open_cases(n):
            try:
                for i in range(5):
                    self.engine.open_case({
                        "kind": "return", "actor": {"role": "agent"}, "items": [
                            {"sku": f"S{n}-{i}", "name": "Mug", "qty": 1, "unit_price": "9.00",
                             "currency": "PLN", "reason": "changed_mind"}]})
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=open_cases, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(self.engine.list_cases({"limit": 100})["cases"]), 20)


if __name__ == "__main__":
    unittest.main(verbosity=1)
