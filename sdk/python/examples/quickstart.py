"""Imports an order, opens a complaint, reviews it and prints the events.

    python3 quickstart.py [DATABASE]      (default: an in-memory database)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import reclaim  # noqa: E402


def main():
    database = sys.argv[1] if len(sys.argv) > 1 else ":memory:"
    try:
        with reclaim.Engine({"database": "sqlite:" + database}) as engine:
            engine.import_order("reclaim", {
                "id": "1001", "currency": "PLN",
                "customer": {"email": "jan@example.pl", "name": "Jan Kowalski"},
                "lines": [{"id": "1", "name": "Czajnik", "qty": 1, "unit_price": "199.99"}]})
            case = engine.open_case({
                "kind": "complaint", "actor": {"role": "customer"}, "order_id": "1001",
                "customer": {"email": "jan@example.pl"},
                "items": [{"line": "1", "qty": 1, "reason": "defect"}]})
            case = engine.act(case["id"], {"action": "review", "actor": {"role": "agent"},
                                           "expected_version": case["version"]})
            print(f"case {case['number']}: {case['state']}, version {case['version']}")
            events = engine.read_events({"after": 0})
            for event in events["events"]:
                print(f"{event['seq']:>4}  {event['type']}")
            print(f"next cursor: {events['next']}")
    except reclaim.ReclaimError as e:
        print(f"quickstart: {e}", file=sys.stderr)
        return 10 + e.status
    return 0


if __name__ == "__main__":
    sys.exit(main())
